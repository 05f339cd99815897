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

/**
 * The whole service on a random port against one embedded Kafka broker, shared by every test class that extends
 * {@link Support} (one Spring context, one broker, one Kafka Streams state folder of its own under target/).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.cloud.stream.kafka.streams.binder.application-id=advice-service-test",
        "entente.topics.partitions=2"})
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0"})
public @interface AdviceServiceTest {

    /** Base class for {@link AdviceServiceTest}s: gives the context its own Kafka Streams state folder. */
    abstract class Support {

        private static final Path STATE_DIR = createStateDir();

        @DynamicPropertySource
        static void stateDir(DynamicPropertyRegistry registry) {
            registry.add("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", STATE_DIR::toString);
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
