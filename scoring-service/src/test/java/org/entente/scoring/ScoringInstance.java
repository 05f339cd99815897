package org.entente.scoring;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * One running scoring-service, started in this JVM as its own Spring application (its own web port, state folder
 * and Kafka Streams instance), for tests that need several instances or a restart. It accepts {@link #ADMIN_TOKEN}
 * as an admin bearer token, and {@link #get} sends it.
 */
final class ScoringInstance implements AutoCloseable {

    /** The static admin token ({@code entente.api-token}) every test instance accepts. */
    static final String ADMIN_TOKEN = "scoring-test-admin-token";

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();

    private ScoringInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance; {@code more} are further {@code --name=value} settings (credentials, say). */
    static ScoringInstance start(String brokers, String applicationId, Path stateDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--entente.api-token=" + ADMIN_TOKEN,
                "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(more));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ScoringApplication.class)
                .run(arguments.toArray(String[]::new));
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

    String baseUrl() {
        return "http://localhost:" + port();
    }

    /** A GET as an admin. */
    HttpResponse<String> get(String path) throws IOException {
        return get(path, "Bearer " + ADMIN_TOKEN);
    }

    /** A GET with this {@code Authorization} header, or none when it is null. */
    HttpResponse<String> get(String path, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "application/json").GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
