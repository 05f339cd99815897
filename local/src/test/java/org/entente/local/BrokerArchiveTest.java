package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's archive: recorded by a run that has none, taken up by the next start, and recorded again once the
 * classpath it was made for changes. (That the JVM writes it when the broker stops is the JVM's part; the stack's
 * start covers it.)
 */
class BrokerArchiveTest {

    @TempDir
    Path dir;

    @Test
    void recordsOneRunAndUsesItInTheNext() throws Exception {
        Path jar = dir.resolve("lib/kafka.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a jar");
        Path cache = dir.resolve("cds");
        Path kafka = cache.resolve("kafka");
        ServiceJava java17 = new ServiceJava(dir.resolve("jdk-17"), 17);

        BrokerArchive archive = new BrokerArchive(cache, java17, List.of("-Xmx512m"), jar.toString());
        assertThat(archive.options()).containsExactly("-XX:ArchiveClassesAtExit=" + kafka.resolve("recorded.jsa"));
        assertThat(archive.options()).as("the broker stopped before writing it: record again")
                .containsExactly("-XX:ArchiveClassesAtExit=" + kafka.resolve("recorded.jsa"));

        Files.writeString(kafka.resolve("recorded.jsa"), "what the JVM wrote when the broker stopped");
        List<String> use = List.of("-XX:SharedArchiveFile=" + kafka.resolve("app.jsa"), "-Xshare:auto");
        assertThat(archive.options()).isEqualTo(use);
        assertThat(kafka.resolve("recorded.jsa")).doesNotExist();
        assertThat(archive.options()).isEqualTo(use);

        // a new build of the classpath: the archive no longer fits, and a new one is recorded
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(archive.options()).containsExactly("-XX:ArchiveClassesAtExit=" + kafka.resolve("recorded.jsa"));

        // on Java 25, an AOT cache
        BrokerArchive aot = new BrokerArchive(cache, new ServiceJava(dir.resolve("jdk-25"), 25), List.of("-Xmx512m"),
                jar.toString());
        assertThat(aot.options()).containsExactly("-XX:AOTCacheOutput=" + kafka.resolve("recorded.aot"));
        Files.writeString(kafka.resolve("recorded.aot"), "an AOT cache");
        assertThat(aot.options()).containsExactly("-XX:AOTCache=" + kafka.resolve("app.aot"));
    }
}
