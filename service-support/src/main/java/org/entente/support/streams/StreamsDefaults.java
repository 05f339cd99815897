package org.entente.support.streams;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The Kafka Streams settings every Streams service shares, as Spring Boot's {@code spring.kafka.streams.*}
 * properties with the lowest precedence, so a service's application.yml says only what differs and any property
 * source (a test, the environment) still overrides them:
 * <ul>
 * <li>exactly-once ({@code processing.guarantee=exactly_once_v2});</li>
 * <li>a 10 s consumer session ({@code session.timeout.ms=10000}, Kafka's default is 45 s): a stopped or crashed
 * instance's tasks move to the others within it, and a restarted stack does not wait 45 s for a member of its last
 * run that the broker still counts (seen on every {@code ./entente up} after a stop);</li>
 * <li>the members leave the group when Kafka Streams closes ({@link #LEAVE_GROUP_ON_CLOSE}; Kafka Streams' own default
 * keeps them until their session ends), so a restarted service does not wait for its own last member;</li>
 * <li>the state folder {@code ENTENTE_STATE_DIR}, else {@code <java.io.tmpdir>/entente/<spring.application.name>};</li>
 * <li>the internal topics' replication factor, that of the service's own topics ({@code entente.topics.replication-factor});</li>
 * <li>RocksDB's memory outside the heap bounded for all the JVM's stores together ({@link BoundedRocksDbConfig}), to
 * {@code entente.streams.rocksdb-memory} (default {@value BoundedRocksDbConfig#DEFAULT_MEMORY});</li>
 * <li>the address advertised to the other instances ({@code entente.streams.advertised-host} from
 * {@code ENTENTE_ADVERTISED_HOST}, {@code entente.streams.advertised-address} from {@code ENTENTE_ADVERTISED_ADDRESS};
 * see {@link StreamsSupportConfiguration}).</li>
 * </ul>
 * The application id is Boot's default, {@code spring.application.name}, unless {@code spring.kafka.streams.application-id}
 * says otherwise. Nothing is added to a service without Kafka Streams on its class path.
 */
public class StreamsDefaults implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source it adds. */
    public static final String PROPERTY_SOURCE = "entente-streams-defaults";

    /**
     * {@link BoundedRocksDbConfig}'s name, spelled out: a class literal would load it, and with it Kafka Streams, in
     * survey-service too, which has no Kafka Streams.
     */
    static final String ROCKSDB_CONFIG_SETTER = "org.entente.support.streams.BoundedRocksDbConfig";

    /**
     * Kafka Streams sets this consumer setting to false, so a closed instance's member stays in the group until its
     * session runs out, and the next start of the service waits for that (the broker's log of a restart showed no
     * leave at all). True: the member leaves when Kafka Streams closes, as the services ask it to.
     */
    static final String LEAVE_GROUP_ON_CLOSE = "main.consumer.internal.leave.group.on.close";

    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.kafka.streams.properties.processing.guarantee", "exactly_once_v2",
            "spring.kafka.streams.properties.session.timeout.ms", "10000",
            "spring.kafka.streams.properties." + LEAVE_GROUP_ON_CLOSE, "true",
            "spring.kafka.streams.properties.rocksdb.config.setter", ROCKSDB_CONFIG_SETTER,
            "spring.kafka.streams.properties." + BoundedRocksDbConfig.MEMORY_CONFIG,
            "${entente.streams.rocksdb-memory:" + BoundedRocksDbConfig.DEFAULT_MEMORY + "}",
            "spring.kafka.streams.state-dir", "${ENTENTE_STATE_DIR:${java.io.tmpdir}/entente/${spring.application.name}}",
            "spring.kafka.streams.replication-factor", "${entente.topics.replication-factor:1}",
            "entente.streams.advertised-host", "${ENTENTE_ADVERTISED_HOST:127.0.0.1}",
            "entente.streams.advertised-address", "${ENTENTE_ADVERTISED_ADDRESS:}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ClassUtils.isPresent("org.apache.kafka.streams.KafkaStreams", getClass().getClassLoader())) {
            environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, DEFAULTS));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
