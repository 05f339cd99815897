package org.entente.scoring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * One running scoring-service, started in this JVM as its own Spring application (its own web port, state folder
 * and Kafka Streams instance), for tests that need several instances or a restart.
 */
final class ScoringInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private ScoringInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static ScoringInstance start(String brokers, String applicationId, Path stateDir) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ScoringApplication.class).run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--entente.scoring.application-id=" + applicationId,
                "--entente.scoring.state-dir=" + stateDir,
                "--spring.jmx.enabled=false");
        ScoringInstance instance = new ScoringInstance(context);
        await().atMost(Duration.ofSeconds(90)).until(instance::isUp);
        return instance;
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    KafkaStreams streams() {
        return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    boolean isUp() {
        try {
            HttpResponse<String> health = get("/actuator/health");
            return health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
