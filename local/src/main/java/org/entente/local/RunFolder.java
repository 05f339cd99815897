package org.entente.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The stack's record of the processes it started, one {@code <name>.pid} file each, so that {@code ./entente down}
 * from another shell can stop them. A record names the pid, the process's start time and the arguments that mark
 * it as ours; a process only counts as ours while all three still match, so a pid reused by an unrelated program
 * is never touched.
 */
final class RunFolder {

    private final Path dir;

    RunFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Remembers a process we just started; {@code markers} are arguments its command line must keep carrying. */
    void record(String name, ProcessHandle process, List<String> markers) {
        Properties p = new Properties();
        p.setProperty("pid", String.valueOf(process.pid()));
        process.info().startInstant().ifPresent(at -> p.setProperty("startedAt", at.toString()));
        for (int i = 0; i < markers.size(); i++) {
            p.setProperty("marker." + i, markers.get(i));
        }
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file(name))) {
                p.store(out, "a process started by the Entente local stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(name), e);
        }
    }

    /** Every recorded process, live or not. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path f : files) {
                read(f).ifPresent(entries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return entries;
    }

    /** The recorded processes that are still running and still ours. */
    List<Entry> live() {
        return entries().stream().filter(e -> e.process().isPresent()).toList();
    }

    /** Deletes the records of processes that are gone. */
    void forgetDead() {
        entries().stream().filter(e -> e.process().isEmpty()).forEach(e -> forget(e.name()));
    }

    private Path file(String name) {
        return dir.resolve(name + ".pid");
    }

    private static Optional<Entry> read(Path f) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            long pid = Long.parseLong(p.getProperty("pid", "").trim());
            Optional<Instant> startedAt = Optional.ofNullable(p.getProperty("startedAt")).map(Instant::parse);
            List<String> markers = new ArrayList<>();
            for (int i = 0; p.containsKey("marker." + i); i++) {
                markers.add(p.getProperty("marker." + i));
            }
            String name = f.getFileName().toString().replaceFirst("\\.pid$", "");
            return Optional.of(new Entry(name, pid, startedAt, markers));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable record cannot prove that any process is ours
        }
    }

    /** One recorded process. */
    record Entry(String name, long pid, Optional<Instant> startedAt, List<String> markers) {

        /** The process, if it is alive, is a java process, started when recorded and carries every marker. */
        Optional<ProcessHandle> process() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
        }

        private boolean isOurs(ProcessHandle handle) {
            ProcessHandle.Info info = handle.info();
            boolean java = info.command().map(c -> Path.of(c).getFileName().toString())
                    .map(n -> n.equals("java") || n.equals("java.exe")).orElse(false);
            boolean sameStart = startedAt.isEmpty() || info.startInstant().isEmpty()
                    || info.startInstant().get().equals(startedAt.get());
            return java && sameStart && !markers.isEmpty() && arguments(handle).containsAll(markers);
        }

        /**
         * The process's arguments. Read from /proc where there is one: {@link ProcessHandle.Info} gives up on
         * command lines longer than a page, which a classpath easily makes.
         */
        static List<String> arguments(ProcessHandle handle) {
            Path cmdline = Path.of("/proc", String.valueOf(handle.pid()), "cmdline");
            if (Files.isReadable(cmdline)) {
                try {
                    return List.of(Files.readString(cmdline, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
                } catch (IOException | UncheckedIOException e) {
                    return List.of();
                }
            }
            return handle.info().arguments().map(List::of).orElse(List.of());
        }
    }
}
