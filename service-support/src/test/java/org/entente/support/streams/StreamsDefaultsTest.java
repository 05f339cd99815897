package org.entente.support.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The shared Kafka Streams settings: there by default, and any property source the service has wins over them. */
class StreamsDefaultsTest {

    @Test
    void everyStreamsServiceGetsExactlyOnceItsOwnStateFolderAndItsTopicsReplicationFactor() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "scoring-service",
                "entente.topics.replication-factor", "3", "ENTENTE_STATE_DIR", "/var/entente/state"));
        assertThat(environment.getProperty("spring.kafka.streams.state-dir")).isEqualTo("/var/entente/state");
        assertThat(environment.getProperty("spring.kafka.streams.replication-factor")).isEqualTo("3");
        assertThat(Binder.get(environment).bind("spring.kafka.streams.properties",
                Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("session.timeout.ms", "10000")
                .containsEntry("main.consumer.internal.leave.group.on.close", "true");
        assertThat(environment.getProperty("entente.streams.advertised-host")).isEqualTo("127.0.0.1");
    }

    @Test
    void everyStreamsServiceBoundsRocksDbToOneSharedBudgetThatItMaySize() {
        Map<String, String> byDefault = streamsProperties(environment(Map.of("spring.application.name", "advice-service")));
        assertThat(byDefault).containsEntry("rocksdb.config.setter", BoundedRocksDbConfig.class.getName())
                .containsEntry(BoundedRocksDbConfig.MEMORY_CONFIG, "32MB");
        Map<String, String> sized = streamsProperties(environment(Map.of("spring.application.name", "funnel-service",
                "entente.streams.rocksdb-memory", "64MB")));
        assertThat(sized).containsEntry(BoundedRocksDbConfig.MEMORY_CONFIG, "64MB");
    }

    private static Map<String, String> streamsProperties(StandardEnvironment environment) {
        return Binder.get(environment).bind("spring.kafka.streams.properties",
                Bindable.mapOf(String.class, String.class)).get();
    }

    @Test
    void withoutAStateFolderSetEachServiceHasItsOwnUnderTheTemporaryFolder() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "advice-service"));
        assertThat(environment.getProperty("spring.kafka.streams.state-dir"))
                .isEqualTo(System.getProperty("java.io.tmpdir") + "/entente/advice-service");
    }

    @Test
    void whatTheServiceSaysWinsKeyByKey() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "funnel-service",
                "spring.kafka.streams.state-dir", "/tmp/mine",
                "spring.kafka.streams.properties.commit.interval.ms", "200",
                "spring.kafka.streams.properties.processing.guarantee", "at_least_once",
                "ENTENTE_ADVERTISED_HOST", "scoring-0.scoring"));
        assertThat(environment.getProperty("spring.kafka.streams.state-dir")).isEqualTo("/tmp/mine");
        assertThat(Binder.get(environment).bind("spring.kafka.streams.properties",
                Bindable.mapOf(String.class, String.class)).get())
                .containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("commit.interval.ms", "200");
        assertThat(environment.getProperty("entente.streams.advertised-host")).isEqualTo("scoring-0.scoring");
    }

    private static StandardEnvironment environment(Map<String, Object> service) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", service));
        new StreamsDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
