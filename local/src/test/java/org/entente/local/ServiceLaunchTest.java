package org.entente.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real service jar, started by the stack as {@code ./entente up} starts it: on its own port, against the stack's
 * broker, with its state and log under the stack's home; the stack waits for it to report UP and stops it before
 * the broker, running the Spring AOT code its build made. Skipped when the jar has not been built (a run of this module
 * alone, without {@code -am}).
 */
class ServiceLaunchTest {

    @TempDir
    Path home;

    @Test
    void startsAServiceJarAndWaitsUntilItIsUp() throws Exception {
        Path repository = LocalStack.Builder.findRepository(Path.of("").toAbsolutePath());
        Service service = Service.SURVEY;
        assumeTrue(Files.isRegularFile(repository.resolve(service.module() + "/target/" + service.module() + ".jar")),
                "build " + service.module() + " first (./mvnw -pl local -am verify does)");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        int port = FreePorts.next();

        try (LocalStack stack = LocalStack.builder()
                .repository(repository)
                .home(home)
                .brokerPort(FreePorts.next())
                .controllerPort(FreePorts.next())
                .servicePort(service, port)
                .services(EnumSet.of(service))
                .startTimeout(Duration.ofMinutes(5))
                .out(new PrintStream(progress, true, StandardCharsets.UTF_8))
                .build()) {
            stack.start();

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
            assertThat(stack.livePids()).containsOnlyKeys(LocalStack.BROKER, service.module());
            assertThat(stack.logFile(service)).content().contains(String.valueOf(port))
                    // the build's Spring AOT code (process-aot), which the stack turns on
                    .contains("Starting AOT-processed SurveyApplication");
            assertThat(home.resolve("run").resolve(service.module() + ".pid")).exists();
            long servicePid = stack.livePids().get(service.module());
            assertMemoryBounds(servicePid);

            stack.stop();
            assertThat(ProcessHandle.of(servicePid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(stack.livePids()).isEmpty();
            assertThat(progress.toString(StandardCharsets.UTF_8))
                    .contains(service.module() + " is UP")
                    .containsSubsequence("Stopping " + service.module(), "Stopping the Kafka broker");
        }
    }

    /** The stack's default memory bounds reach the service's JVM and its C library (Linux's /proc). */
    private static void assertMemoryBounds(long pid) throws Exception {
        Path proc = Path.of("/proc", String.valueOf(pid));
        if (!Files.isReadable(proc.resolve("environ"))) {
            return; // not Linux
        }
        assertThat(Files.readString(proc.resolve("cmdline")).split("\0")).contains("-Xmx256m", "-Xmn40m");
        if (System.getenv(ServiceLaunch.MALLOC_ARENA_MAX) == null) {
            assertThat(Files.readString(proc.resolve("environ")).split("\0")).contains("MALLOC_ARENA_MAX=2");
        }
    }

    /**
     * A service that must log in to the broker: its Kafka login reaches it as {@code ENTENTE_KAFKA_*} variables, the
     * security module turns them into every client's settings, and it comes UP saying how it connects, without the
     * password in its log. (funnel-service: its own consumers and producers, Boot's admin and Kafka Streams.)
     */
    @Test
    void aServiceLogsInToABrokerThatRequiresIt() throws Exception {
        Path repository = LocalStack.Builder.findRepository(Path.of("").toAbsolutePath());
        Service service = Service.FUNNEL;
        assumeTrue(Files.isRegularFile(repository.resolve(service.module() + "/target/" + service.module() + ".jar")),
                "build " + service.module() + " first (./mvnw -pl local -am verify does)");
        StackSecrets secrets = StackSecrets.generate();
        try (LocalStack stack = LocalStack.builder()
                .repository(repository)
                .home(home)
                .brokerPort(FreePorts.next())
                .controllerPort(FreePorts.next())
                .servicePort(service, FreePorts.next())
                .services(EnumSet.of(service))
                .secrets(secrets)
                .saslKafka(true)
                .startTimeout(Duration.ofMinutes(5))
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .build()) {
            stack.start();

            assertThat(stack.logFile(service)).content()
                    .contains("Kafka clients connect with SASL_PLAINTEXT (SCRAM-SHA-512) as "
                            + KafkaAccess.Principal.FUNNEL.user())
                    .doesNotContain(secrets.kafkaLogin(KafkaAccess.Principal.FUNNEL).password())
                    .doesNotContain(secrets.apiToken());
        }
    }
}
