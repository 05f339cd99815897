package org.entente.support.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service declares ({@link ServiceTopics}) when they are absent, with their contract settings
 * and the deployment's partitions and replication factor ({@code ENTENTE_TOPICS_PARTITIONS},
 * {@code ENTENTE_TOPICS_REPLICATION_FACTOR}). Topics that exist are left as they are, whatever their settings.
 *
 * <p>Under Kafka ACLs a service may not be allowed to create topics (the operator, or {@code ./entente up}, created
 * them): a refusal for a topic that exists is fine and said in one log line; a refusal for a topic that does not
 * exist fails, naming the topics. It does not add partitions to, or change the settings of, an existing topic.
 */
public final class TopicCreation {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> adminConfig;
    private final List<NewTopic> topics;
    private final Duration timeout;

    public TopicCreation(Map<String, Object> adminConfig, List<NewTopic> topics, Duration timeout) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    public List<String> topicNames() {
        return topics.stream().map(NewTopic::name).toList();
    }

    /**
     * Creates what is missing.
     *
     * @throws IllegalStateException when Kafka cannot be reached in time, or refuses to create a missing topic (then
     *     with Kafka's {@link AuthorizationException} as its cause: see {@link #refusedByKafka})
     */
    public void createMissing() {
        if (topics.isEmpty()) {
            return;
        }
        Admin admin = Admin.create(adminConfig);
        try {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            List<String> created = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                Throwable failure = failure(result.getValue());
                if (failure == null) {
                    created.add(result.getKey());
                } else if (failure instanceof AuthorizationException) {
                    refused.add(result.getKey());
                } else if (!(failure instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + result.getKey() + ": " + failure,
                            failure);
                }
            }
            if (!created.isEmpty()) {
                log.info("created topics {}", created);
            }
            if (!refused.isEmpty()) {
                checkExisting(admin, refused);
            }
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }
    }

    /** Fails unless every topic this service may not create exists already (created by whoever may). */
    private void checkExisting(Admin admin, List<String> refused) {
        Map<String, Throwable> missing = new LinkedHashMap<>();
        admin.describeTopics(refused).topicNameValues().forEach((name, description) -> {
            Throwable failure = failure(description);
            if (failure != null) {
                missing.put(name, failure);
            }
        });
        if (!missing.isEmpty()) {
            Throwable first = missing.values().iterator().next();
            throw new IllegalStateException("this service may not create topics (Kafka ACLs), and " + missing.keySet()
                    + " do not exist or may not be described (" + first
                    + "): create them first (./entente up does), or grant it Create on them", first);
        }
        log.info("this service may not create topics (Kafka ACLs); the {} it uses exist already, so it uses them "
                + "as they are: {}", refused.size(), refused);
    }

    /**
     * Whether {@code failure} says Kafka's authorizer refused this service's login (rather than Kafka being away):
     * a login that may not even see its own topics is the wrong login, and the service must not start with it.
     */
    public static boolean refusedByKafka(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    /** What the future failed with (unwrapped), or {@code null} when it succeeded. */
    private Throwable failure(KafkaFuture<?> future) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka (" + adminConfig.get("bootstrap.servers")
                    + ") did not answer within " + timeout + " while creating topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
