package org.entente.security.kafka;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns refused Kafka security settings into Spring Boot's short "APPLICATION FAILED TO START" report, saying what
 * does not fit and what to change, instead of a stack trace.
 */
class KafkaSecuritySettingsFailureAnalyzer extends AbstractFailureAnalyzer<KafkaSecuritySettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KafkaSecuritySettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set the ENTENTE_KAFKA_* environment variables so that they"
                + " fit together: ENTENTE_KAFKA_SECURITY_PROTOCOL (PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL), with"
                + " ENTENTE_KAFKA_SASL_USERNAME and ENTENTE_KAFKA_SASL_PASSWORD for SASL, and ENTENTE_KAFKA_SSL_* for"
                + " TLS.", cause);
    }
}
