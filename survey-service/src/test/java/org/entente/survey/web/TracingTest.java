package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.entente.schemas.Topics;
import org.entente.survey.SurveyServiceTest;
import org.entente.testing.Traces;
import org.junit.jupiter.api.Test;

/**
 * A response accepted over HTTP is published in the trace of the request that brought it: the request's W3C
 * {@code traceparent} trace id is on the record's {@code traceparent} header, under a span of survey's own.
 */
class TracingTest extends SurveyServiceTest {

    @Test
    void theResponseOnTheTopicCarriesTheTraceOfTheRequest() throws Exception {
        String id = openAssessment("tracing-co", Map.of());
        String traceparent = Traces.newTraceparent();
        String body = JSON.writeValueAsString(Map.of("assessmentId", id, "respondentId", "traced-1",
                "function", "SALES", "role", "STAFF", "answers", answers(4)));

        Reply reply = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/responses"))
                .header("Authorization", INTAKE)
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(reply.status()).isEqualTo(202);

        String published = Traces.traceparentOf(broker.getBrokersAsString(), Topics.RESPONSES.name(), id,
                Duration.ofSeconds(30));
        assertThat(Traces.traceId(published)).isEqualTo(Traces.traceId(traceparent));
        assertThat(published).isNotEqualTo(traceparent); // a span of survey's own, child of the caller's
    }
}
