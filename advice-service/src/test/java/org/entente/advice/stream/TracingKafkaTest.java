package org.entente.advice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.entente.advice.AdviceServiceTest;
import org.entente.advice.ReportFixtures;
import org.entente.schemas.Topics;
import org.entente.testing.Traces;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The service as deployed against a real broker: an advice continues the trace of the stage revision it advises,
 * under a span of advice's own, also when the revision arrived before its opening and waited for it.
 */
@AdviceServiceTest
class TracingKafkaTest extends AdviceServiceTest.Support {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void theAdviceCarriesTheTraceOfTheRevisionItAdvises() {
        String id = "traced-" + UUID.randomUUID();
        String revision = Traces.newTraceparent();
        Traces.send(brokers, Topics.STAGES.name(), id, Topics.STAGES.valueSerde().serializer()
                .serialize(Topics.STAGES.name(), ReportFixtures.stage(id, 1, false, 0)), revision);
        Traces.send(brokers, Topics.ASSESSMENTS.name(), id, Topics.ASSESSMENTS.valueSerde().serializer()
                .serialize(Topics.ASSESSMENTS.name(), (SpecificRecord) ReportFixtures.opened(id, "acme", "Traced",
                        Instant.parse("2026-10-01T09:00:00Z"), AdviceTopologyTest.commoditizing())),
                Traces.newTraceparent());

        String advice = Traces.traceparentOf(brokers, Topics.ADVICE.name(), id, Duration.ofSeconds(60));
        assertThat(Traces.traceId(advice)).isEqualTo(Traces.traceId(revision));
        assertThat(advice).isNotEqualTo(revision);
    }
}
