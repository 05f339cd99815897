package org.entente.systemtests;

import java.net.URI;
import java.time.Duration;

import org.entente.systemtests.EntenteStack.Service;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.utility.DockerImageName;

import com.github.dockerjava.api.DockerClient;

/**
 * One service's container on the host network: where it answers, and the two things an operator does to it
 * that the tests need — kill it without warning and start the same container again.
 */
public final class ServiceContainer {

    /** What the replicas of one service present to each other when one relays a query (ENTENTE_PEER_TOKEN). */
    static final String PEER_TOKEN = "system-test-peer-" + java.util.UUID.randomUUID();

    private final Service service;
    private final int port;
    private final GenericContainer<?> container;

    ServiceContainer(Service service, String image, int port, String bootstrapServers) {
        this.service = service;
        this.port = port;
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withEnv("SERVER_PORT", Integer.toString(port))
                .withEnv("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)
                .withEnv("ENTENTE_STATE_DIR", "/tmp/entente/" + service.module())
                .withEnv("ENTENTE_API_TOKEN", Http.API_TOKEN)
                // Replicas of one service reach each other on the host network, with the same peer token.
                .withEnv("ENTENTE_PEER_TOKEN", PEER_TOKEN)
                .withEnv("ENTENTE_ADVERTISED_HOST", "127.0.0.1")
                // Small machines, short lives: start fast rather than run fast; the local stack's memory bounds.
                .withEnv("JAVA_TOOL_OPTIONS", "-Xms64m -Xmx256m -Xmn40m -XX:+UseSerialGC -XX:TieredStopAtLevel=1")
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("tc." + service.module())))
                .waitingFor(new HealthWait(port).withStartupTimeout(Duration.ofMinutes(5)));
        if (service == Service.FUNNEL) {
            // As docker-compose.yml passes them when nobody set them: blank, not absent.
            container.withEnv("SPRING_MAIL_HOST", "").withEnv("ENTENTE_FUNNEL_ALERTS_ROUTES_0_ORGANIZATION", "")
                    .withEnv("ENTENTE_FUNNEL_ALERTS_ROUTES_0_MAIL_TO", "");
        }
    }

    public Service service() {
        return service;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    GenericContainer<?> container() {
        return container;
    }

    /** What the service has written to its console so far. */
    public String logs() {
        return container.getLogs();
    }

    /** SIGKILL, as when a node dies: no graceful shutdown, no commit of work in flight. */
    public void kill() {
        DockerClient docker = container.getDockerClient();
        docker.killContainerCmd(container.getContainerId()).withSignal("KILL").exec();
    }

    /** Starts the killed container again (its file system kept, as `restart: unless-stopped` would) and waits for UP. */
    public void restart() {
        DockerClient docker = container.getDockerClient();
        docker.startContainerCmd(container.getContainerId()).exec();
        HealthWait.awaitUp(port, Duration.ofMinutes(5));
    }

    @Override
    public String toString() {
        return service.module() + " on 127.0.0.1:" + port;
    }
}
