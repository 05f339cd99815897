package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which way a service is run with class data sharing: from its extracted jar with its archive (a CDS archive, or an
 * AOT cache on Java 25 and later) only while the archive was made for the jar that is built now and the runtime that
 * runs it, otherwise from the built jar as without it. (The training run itself
 * needs a broker and a service; the local stack's start covers it.)
 */
class ClassDataSharingTest {

    @TempDir
    Path repository;

    @Test
    void usesAnArchiveOnlyWhileItFitsTheBuiltJar() throws Exception {
        Path jar = builtJar();
        Path cache = repository.resolve("cds");
        ClassDataSharing cds = new ClassDataSharing(cache, settings(cache, ServiceJava.current()));

        ClassDataSharing.Launch none = cds.launch(Service.SURVEY);
        assertThat(none.jvmOptions()).isEmpty();
        assertThat(none.mainArgs()).containsExactly("-jar", jar.toAbsolutePath().toString());

        Path dir = cache.resolve("survey-service");
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/survey-service.jar"), "the extracted jar");
        Files.writeString(dir.resolve("app.jsa"), "an archive");
        Files.writeString(dir.resolve("stamp"), cds.stamp(Service.SURVEY));
        ClassDataSharing.Launch shared = cds.launch(Service.SURVEY);
        assertThat(shared.jvmOptions()).containsExactly("-XX:SharedArchiveFile=" + dir.resolve("app.jsa"),
                "-Xshare:auto");
        assertThat(shared.mainArgs()).containsExactly("-jar", dir.resolve("app/survey-service.jar").toString());

        // a new build of the service: the archive no longer fits it
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(cds.launch(Service.SURVEY).mainArgs()).containsExactly("-jar", jar.toAbsolutePath().toString());
    }

    @Test
    void usesAnAotCacheOnARuntimeThatHasOne() throws Exception {
        builtJar();
        Path cache = repository.resolve("cds");
        Path java25 = repository.resolve("jdk-25");
        Files.createDirectories(java25);
        Files.writeString(java25.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        ClassDataSharing aot = new ClassDataSharing(cache, settings(cache, new ServiceJava(java25, 25)));

        Path dir = cache.resolve("survey-service");
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/survey-service.jar"), "the extracted jar");
        Files.writeString(dir.resolve("app.jsa"), "a CDS archive of Java 17");
        Files.writeString(dir.resolve("stamp"), aot.stamp(Service.SURVEY));
        assertThat(aot.launch(Service.SURVEY).jvmOptions()).as("no AOT cache yet").isEmpty();

        Files.writeString(dir.resolve("app.aot"), "an AOT cache");
        ClassDataSharing.Launch cached = aot.launch(Service.SURVEY);
        assertThat(cached.jvmOptions()).containsExactly("-XX:AOTCache=" + dir.resolve("app.aot"));
        assertThat(cached.mainArgs()).containsExactly("-jar", dir.resolve("app/survey-service.jar").toString());

        // the same cache, stamped for another runtime, no longer fits
        ClassDataSharing other = new ClassDataSharing(cache, settings(cache, new ServiceJava(repository, 26)));
        assertThat(other.launch(Service.SURVEY).jvmOptions()).isEmpty();
    }

    /** survey-service's jar as a build leaves it, in the repository. */
    private Path builtJar() throws Exception {
        Path jar = repository.resolve("survey-service/target/survey-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a jar");
        return jar;
    }

    private StackSettings settings(Path cache, ServiceJava java) {
        return new StackSettings(repository, repository.resolve("home"), 9092, 9093, Map.of(),
                EnumSet.of(Service.SURVEY), "", List.of("-Xmx384m"), Duration.ofMinutes(1), 3,
                new PrintStream(OutputStream.nullOutputStream()), null, false, java, cache);
    }
}
