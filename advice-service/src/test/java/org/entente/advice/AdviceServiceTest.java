package org.entente.advice;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.entente.testing.TestJwts;

/**
 * The whole service on a random port against one embedded Kafka broker, shared by every test class that extends
 * {@link Support} (one Spring context, one broker, one Kafka Streams state folder of its own under target/). Every
 * kind of credential is configured: the static admin, intake and peer tokens of {@link Credentials}, a Sales and a
 * Marketing viewer who sign in with the form, and JWTs signed by {@link Support#JWTS}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.streams.application-id=advice-service-test",
        "entente.topics.partitions=2",
        "entente.api-token=" + AdviceServiceTest.Credentials.ADMIN_TOKEN,
        "entente.intake-token=" + AdviceServiceTest.Credentials.INTAKE_TOKEN,
        "entente.peer-token=" + AdviceServiceTest.Credentials.PEER_TOKEN,
        "entente.users[0].name=" + AdviceServiceTest.Credentials.SALES,
        "entente.users[0].password=" + AdviceServiceTest.Credentials.PASSWORD,
        "entente.users[0].role=sales-viewer",
        "entente.users[1].name=" + AdviceServiceTest.Credentials.MARKETING,
        "entente.users[1].password=" + AdviceServiceTest.Credentials.PASSWORD,
        "entente.users[1].role=marketing-viewer"})
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0"})
public @interface AdviceServiceTest {

    /** The credentials the test service accepts. */
    final class Credentials {
        public static final String ADMIN_TOKEN = "advice-test-admin-token";
        public static final String INTAKE_TOKEN = "advice-test-intake-token";
        public static final String PEER_TOKEN = "advice-test-peer-token";
        public static final String SALES = "sales";
        public static final String MARKETING = "marketing";
        public static final String PASSWORD = "viewer-secret";

        private Credentials() {
        }
    }

    /**
     * Base class for {@link AdviceServiceTest}s: gives the context its own Kafka Streams state folder and trusts the
     * JWTs of {@link #JWTS}.
     */
    abstract class Support {

        private static final Path STATE_DIR = createStateDir();

        /** Signs JWTs the test service accepts. */
        protected static final TestJwts JWTS = new TestJwts(Path.of("target", "jwt-keys"));

        @DynamicPropertySource
        static void stateDir(DynamicPropertyRegistry registry) {
            registry.add("spring.kafka.streams.state-dir", STATE_DIR::toString);
            registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JWTS::publicKeyLocation);
        }

        /** Under target/, so a clean build removes it; unique per test JVM. */
        private static Path createStateDir() {
            try {
                Path target = Files.createDirectories(Path.of("target", "kafka-streams-state"));
                return Files.createTempDirectory(target, "advice-service-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a state folder for the test", e);
            }
        }
    }
}
