package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Java runtime the services run on: the one named by ENTENTE_SERVICE_JAVA_HOME, else the newest installed one
 * with an AOT cache, else the launcher's own. The "installed" runtimes here are folders with a release file and an
 * executable bin/java, which is all the choice reads.
 */
class ServiceJavaTest {

    @TempDir
    Path installs;

    @Test
    void takesTheNewestInstalledRuntimeWithAnAotCache() throws Exception {
        fakeJavaHome("jdk-21", "21.0.4");
        Path newest = fakeJavaHome("jdk-99", "99.0.1");
        fakeJavaHome("jdk-98", "98");
        Files.createDirectories(installs.resolve("not-a-jdk"));

        ServiceJava chosen = ServiceJava.choose(Map.of(), List.of(installs, installs.resolve("missing")));
        assertThat(chosen.home()).isEqualTo(newest);
        assertThat(chosen.release()).isEqualTo(99);
        assertThat(chosen.hasAotCache()).isTrue();
        assertThat(chosen.java()).isEqualTo(newest.resolve("bin/java").toString());
    }

    @Test
    void keepsTheLaunchersOwnWhenNothingNewerWithAnAotCacheIsInstalled() throws Exception {
        fakeJavaHome("jdk-21", "21.0.4");
        fakeJavaHome("jdk-8", "1.8.0_402");

        assertThat(ServiceJava.choose(Map.of(), List.of(installs))).isEqualTo(ServiceJava.current());
        assertThat(ServiceJava.choose(Map.of(), List.of())).isEqualTo(ServiceJava.current());
    }

    @Test
    void theVariableWinsAndMustNameAJavaHome() throws Exception {
        Path older = fakeJavaHome("jdk-21", "21.0.4");
        fakeJavaHome("jdk-99", "99");

        ServiceJava chosen = ServiceJava.choose(Map.of(ServiceJava.VARIABLE, older.toString()), List.of(installs));
        assertThat(chosen).isEqualTo(new ServiceJava(older, 21));
        assertThat(chosen.hasAotCache()).isFalse();
        assertThatThrownBy(() -> ServiceJava.choose(Map.of(ServiceJava.VARIABLE, installs.resolve("nothing").toString()),
                List.of(installs))).isInstanceOf(LocalStackException.class).hasMessageContaining("is not a Java home");
    }

    private Path fakeJavaHome(String name, String version) throws Exception {
        Path home = installs.resolve(name);
        Path java = home.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
