package org.entente.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Spring AOT for the JVM: the services' builds work out their bean definitions ahead of time ({@code process-aot} of
 * Spring Boot's Maven plugin, root {@code pom.xml}) into their jars, and a service runs that code instead of scanning
 * classes and evaluating conditions when its JVM gets {@value #ENABLED}. The stack passes it to a service (and to its
 * class data sharing training) when the service's jar holds the code, which it does unless it was built with
 * {@code -Dspring-boot.aot.skip=true}. The service itself falls back to a usual start when a setting that decides
 * which beans exist is present ({@code SpringAotFallback} in service-support). It does not make the code: that is
 * the build's job.
 */
final class SpringAot {

    /** The JVM option that makes a Spring Boot application run its AOT code. */
    static final String ENABLED = "-Dspring.aot.enabled=true";

    private SpringAot() {
    }

    /** {@value #ENABLED} when {@code jar} (a Spring Boot jar) holds the AOT code of its application, else nothing. */
    static List<String> jvmOptions(Path jar) {
        return hasAotCode(jar) ? List.of(ENABLED) : List.of();
    }

    /** True when the jar holds its {@code Start-Class}'s AOT-generated application context initializer. */
    static boolean hasAotCode(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String application = manifest == null ? null : manifest.getMainAttributes().getValue("Start-Class");
            return application != null && file.getEntry("BOOT-INF/classes/"
                    + application.replace('.', '/') + "__ApplicationContextInitializer.class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
