package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack turns Spring AOT on for a service exactly when its jar holds its application's AOT code. */
class SpringAotTest {

    @TempDir
    Path folder;

    @Test
    void aJarWithItsApplicationsAotInitializerRunsItsAotCode() throws IOException {
        Path jar = bootJar("with.jar", "org/example/ShopApplication.class",
                "org/example/ShopApplication__ApplicationContextInitializer.class");
        assertThat(SpringAot.hasAotCode(jar)).isTrue();
        assertThat(SpringAot.jvmOptions(jar)).containsExactly("-Dspring.aot.enabled=true");
    }

    @Test
    void aJarBuiltWithoutAotCodeOrNoJarAtAllRunsAsUsual() throws IOException {
        Path jar = bootJar("without.jar", "org/example/ShopApplication.class",
                "org/example/OtherApplication__ApplicationContextInitializer.class");
        assertThat(SpringAot.hasAotCode(jar)).isFalse();
        assertThat(SpringAot.jvmOptions(jar)).isEmpty();
        assertThat(SpringAot.jvmOptions(folder.resolve("missing.jar"))).isEmpty();
    }

    /** A Spring Boot jar of {@code org.example.ShopApplication} holding these classes (empty files). */
    private Path bootJar(String name, String... classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Start-Class", "org.example.ShopApplication");
        Path jar = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out, manifest)) {
            for (String type : classes) {
                entries.putNextEntry(new JarEntry("BOOT-INF/classes/" + type));
                entries.closeEntry();
            }
        }
        return jar;
    }
}
