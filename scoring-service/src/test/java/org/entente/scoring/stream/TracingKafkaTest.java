package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.entente.events.AssessmentClosed;
import org.entente.events.BusinessFunction;
import org.entente.events.Role;
import org.entente.events.StageClassified;
import org.entente.schemas.Topics;
import org.entente.testing.Traces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as deployed (Spring's tracer handed to the topology) against a real broker: a revision continues the
 * trace of the latest response it counts, and the final revision the trace of the closing, each under a span of
 * scoring's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.streams.application-id=scoring-tracing-test"})
@EmbeddedKafka(count = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TracingKafkaTest {

    @TempDir
    static Path stateDir;

    @DynamicPropertySource
    static void stateDir(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.streams.state-dir", () -> stateDir.toString());
    }

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aRevisionCarriesTheTraceOfTheResponseThatCompletedItAndTheFinalOneThatOfTheClosing() {
        String id = ScoringScenarios.newAssessmentId();
        Traces.send(brokers, Topics.ASSESSMENTS.name(), id, ScoringScenarios.openedBytes(id, 3),
                Traces.newTraceparent());
        String last = null;
        for (int i = 1; i <= 6; i++) {
            BusinessFunction function = i <= 3 ? BusinessFunction.SALES : BusinessFunction.MARKETING;
            last = Traces.newTraceparent(); // each response its own trace; the sixth completes the threshold
            Traces.send(brokers, Topics.RESPONSES.name(), id,
                    ScoringScenarios.responseBytes(id, "r" + i, function, Role.STAFF, 3), last);
        }
        String revision = Traces.traceparentOf(brokers, Topics.STAGES.name(), record -> isStage(record, id, false),
                Duration.ofSeconds(60));
        assertThat(Traces.traceId(revision)).isEqualTo(Traces.traceId(last));
        assertThat(revision).isNotEqualTo(last);

        String closing = Traces.newTraceparent();
        Traces.send(brokers, Topics.ASSESSMENTS.name(), id, ScoringScenarios.encode(AssessmentClosed.newBuilder()
                .setAssessmentId(id).setClosedAt(Instant.now()).build()), closing);
        String finalRevision = Traces.traceparentOf(brokers, Topics.STAGES.name(),
                record -> isStage(record, id, true), Duration.ofSeconds(60));
        assertThat(Traces.traceId(finalRevision)).isEqualTo(Traces.traceId(closing));
    }

    private static boolean isStage(ConsumerRecord<String, byte[]> record, String id, boolean isFinal) {
        if (!id.equals(record.key())) {
            return false;
        }
        StageClassified stage = Topics.STAGES.valueSerde().deserializer().deserialize(record.topic(), record.value());
        return stage.getFinal$() == isFinal;
    }
}
