package org.entente.systemtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The whole suite from the images that ops deploy: a single-node KRaft broker and the four services, each in
 * its own container on the host network, each on a free port of 127.0.0.1 picked here and handed over by
 * environment ({@code SERVER_PORT}, {@code KAFKA_BOOTSTRAP_SERVERS}, the broker's {@code KAFKA_LISTENERS}).
 *
 * <p>The Kafka Streams services (scoring, advice, funnel) run two replicas each from the same image, as
 * {@code deploy/} runs them: one application id, the same peer token, each replica advertising its own port, so a
 * query sent to either replica is answered by the one holding the key ({@link #replica}).
 *
 * <p>Image names come from system properties set by the module's pom ({@code entente.image.*}). The broker
 * image is ours or the public apache/kafka one: both read the same {@code KAFKA_*} variables.
 */
public final class EntenteStack implements AutoCloseable {

    /** The four services, with the Spring Boot application each image runs. */
    public enum Service {
        SURVEY("survey-service"), SCORING("scoring-service"), ADVICE("advice-service"), FUNNEL("funnel-service");

        private final String module;

        Service(String module) {
            this.module = module;
        }

        public String module() {
            return module;
        }
    }

    private static final Duration STARTUP = Duration.ofMinutes(5);
    /** The services that keep state in Kafka Streams, and so run a second replica here. */
    private static final Set<Service> SCALED_OUT = EnumSet.of(Service.SCORING, Service.ADVICE, Service.FUNNEL);

    private final int brokerPort = freePort();
    private final int controllerPort = freePort();
    private final GenericContainer<?> broker;
    private final Map<Service, ServiceContainer> services = new LinkedHashMap<>();
    private final Map<Service, ServiceContainer> replicas = new LinkedHashMap<>();

    private EntenteStack() {
        broker = new GenericContainer<>(DockerImageName.parse(System.getProperty("entente.image.broker", "entente/kafka:4.1.2"))
                .asCompatibleSubstituteFor("apache/kafka"))
                .withNetworkMode("host")
                .withEnv("KAFKA_NODE_ID", "1")
                .withEnv("KAFKA_PROCESS_ROLES", "broker,controller")
                .withEnv("KAFKA_LISTENERS", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort)
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + brokerPort)
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
                .withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
                .withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controllerPort)
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_HEAP_OPTS", "-Xms128m -Xmx384m")
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("tc.kafka")))
                .waitingFor(Wait.forLogMessage(".*Kafka Server started.*", 1).withStartupTimeout(STARTUP));
        for (Service service : Service.values()) {
            services.put(service, new ServiceContainer(service, image(service), freePort(), bootstrapServers()));
        }
        for (Service service : SCALED_OUT) {
            replicas.put(service, new ServiceContainer(service, image(service), freePort(), bootstrapServers()));
        }
    }

    /**
     * Starts the broker, then the four services side by side, then the second replicas, and returns once every one
     * reports UP.
     */
    public static EntenteStack start() {
        EntenteStack stack = new EntenteStack();
        try {
            stack.broker.start();
            Startables.deepStart(stack.services.values().stream().map(ServiceContainer::container)).join();
            Startables.deepStart(stack.replicas.values().stream().map(ServiceContainer::container)).join();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public ServiceContainer service(Service service) {
        return services.get(service);
    }

    /** One replica of each service. */
    public List<ServiceContainer> services() {
        return new ArrayList<>(services.values());
    }

    /** The second replica of a Kafka Streams service (scoring, advice, funnel). */
    public ServiceContainer replica(Service service) {
        ServiceContainer replica = replicas.get(service);
        if (replica == null) {
            throw new IllegalArgumentException(service.module() + " runs one replica only");
        }
        return replica;
    }

    @Override
    public void close() {
        Stream.of(replicas.values().stream().map(ServiceContainer::container),
                services.values().stream().map(ServiceContainer::container), Stream.of(broker))
                .flatMap(containers -> containers).forEach(GenericContainer::stop);
    }

    private static String image(Service service) {
        return System.getProperty("entente.image.prefix", "entente") + "/" + service.module() + ":"
                + System.getProperty("entente.image.tag", "0.1.0-SNAPSHOT");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on this machine", e);
        }
    }
}
