package org.entente.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void removeRegistry() {
        Metrics.removeRegistry(registry);
    }

    @Test
    void theDeadLetterKeepsTheRecordsHeadersAndLeavesThemAsTheyWere() {
        Headers incoming = new RecordHeaders();
        incoming.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        incoming.add(DeadLetters.REASON_CODE, "EARLIER".getBytes(StandardCharsets.UTF_8));

        Headers dead = DeadLetters.deadLetter(incoming, "WRONG_ANSWER_COUNT", "must have 20 answers, has 19",
                "entente.survey.responses.v1", 2, 41L, "scoring-service");

        assertThat(DeadLetters.read(dead, "traceparent")).isEqualTo("00-abc");
        assertThat(DeadLetters.read(dead, DeadLetters.REASON_CODE)).isEqualTo("WRONG_ANSWER_COUNT");
        assertThat(dead.headers(DeadLetters.REASON_CODE)).hasSize(1);
        assertThat(DeadLetters.read(dead, DeadLetters.REASON)).isEqualTo("must have 20 answers, has 19");
        assertThat(DeadLetters.read(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("entente.survey.responses.v1");
        assertThat(DeadLetters.read(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
        assertThat(DeadLetters.read(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("41");
        assertThat(DeadLetters.read(dead, DeadLetters.REJECTED_BY)).isEqualTo("scoring-service");

        assertThat(incoming.toArray()).hasSize(2);
        assertThat(DeadLetters.read(incoming, DeadLetters.REASON_CODE)).isEqualTo("EARLIER");
        assertThat(DeadLetters.read(incoming, DeadLetters.REASON)).isNull();
    }

    @Test
    void eachDeadLetterIsCountedByTopicAndReason() {
        Metrics.addRegistry(registry);
        DeadLetters.deadLetter(null, "TRUNCATED", "cut short", "entente.scoring.stages.v1", -1, -1L, "advice-service");
        DeadLetters.deadLetter(null, "TRUNCATED", "cut short", "entente.scoring.stages.v1", 0, 7L, "advice-service");

        assertThat(registry.get(DeadLetters.METRIC).tag("topic", "entente.scoring.stages.v1")
                .tag("reason", "TRUNCATED").counter().count()).isEqualTo(2.0);
    }
}
