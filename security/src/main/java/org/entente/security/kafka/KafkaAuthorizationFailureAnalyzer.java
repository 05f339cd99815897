package org.entente.security.kafka;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a start-up that Kafka's authorizer refused (a topic, a consumer group, a transactional id or the cluster)
 * into Spring Boot's short "APPLICATION FAILED TO START" report: which login was refused what, and that the login
 * is either not this service's own or lacks a grant. Where the refusal names them, the topics or the group are
 * listed; Kafka's admin client often says only "Topic authorization failed." It covers failures that stop the
 * start; a refusal later, inside a running Kafka Streams application, shows in its health and log instead.
 */
class KafkaAuthorizationFailureAnalyzer extends AbstractFailureAnalyzer<AuthorizationException> {

    private final Environment environment;

    KafkaAuthorizationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthorizationException cause) {
        String user = environment.getProperty(KafkaClientSecurity.PREFIX + KafkaClientSecurity.SASL_USERNAME);
        String login = user == null ? "this service's login" : "the login " + user;
        String refused = refused(rootFailure);
        return new FailureAnalysis("Kafka refused " + login + ": " + refused + (refused.endsWith(".") ? "" : "."),
                "Run the service with its own login (" + KafkaClientSecurity.environmentVariable(
                        KafkaClientSecurity.SASL_USERNAME) + " and " + KafkaClientSecurity.environmentVariable(
                        KafkaClientSecurity.SASL_PASSWORD) + "), or grant that login what the service needs: the"
                        + " ACLs of the table in local/.../KafkaAccess.java, which ./entente up sets on its broker and"
                        + " deploy/components/kafka-users carries as Strimzi KafkaUsers.", cause);
    }

    /** What was refused, from every authorization failure in the chain: the named topics and groups, or the message. */
    private static String refused(Throwable failure) {
        Set<String> topics = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        String message = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TopicAuthorizationException topic) {
                topics.addAll(topic.unauthorizedTopics());
            } else if (t instanceof GroupAuthorizationException group && group.groupId() != null) {
                groups.add(group.groupId());
            }
            if (t instanceof AuthorizationException && message == null) {
                message = t.getMessage();
            }
        }
        StringBuilder text = new StringBuilder();
        if (!topics.isEmpty()) {
            text.append("the topics ").append(String.join(", ", topics));
        }
        if (!groups.isEmpty()) {
            text.append(text.isEmpty() ? "" : " and ").append("the consumer group ").append(String.join(", ", groups));
        }
        return text.isEmpty() ? String.valueOf(message) : text.toString();
    }
}
