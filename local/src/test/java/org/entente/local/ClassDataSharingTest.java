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
 * Which way a service is run with class data sharing: from its extracted jar with its archive only while the archive
 * was made for the jar that is built now, otherwise from the built jar as without it. (The training run itself
 * needs a broker and a service; the local stack's start covers it.)
 */
class ClassDataSharingTest {

    @TempDir
    Path repository;

    @Test
    void usesAnArchiveOnlyWhileItFitsTheBuiltJar() throws Exception {
        Path jar = repository.resolve("survey-service/target/survey-service.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a jar");
        Path cache = repository.resolve("cds");
        StackSettings settings = new StackSettings(repository, repository.resolve("home"), 9092, 9093, Map.of(),
                EnumSet.of(Service.SURVEY), "", List.of("-Xmx384m"), Duration.ofMinutes(1), 3,
                new PrintStream(OutputStream.nullOutputStream()), null, false, cache);
        ClassDataSharing cds = new ClassDataSharing(cache, settings);

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
}
