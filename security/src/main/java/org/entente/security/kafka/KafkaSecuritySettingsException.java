package org.entente.security.kafka;

/**
 * The {@code ENTENTE_KAFKA_*} settings contradict each other or name something Kafka does not know. The message
 * names the environment variables involved and what to change; it never contains a secret value.
 */
public final class KafkaSecuritySettingsException extends IllegalStateException {

    public KafkaSecuritySettingsException(String message) {
        super(message);
    }
}
