package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.survey.domain.Assessment;
import org.entente.survey.stream.EventPublisher;
import org.entente.survey.stream.ResponseIntake;
import org.entente.survey.stream.SurveyState;
import org.entente.testing.UnreachableBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * With no broker to acknowledge it, a response is answered 503 (not 202 and not 500), and the state the service
 * keeps does not count it.
 */
class KafkaDownTest {

    private DefaultKafkaProducerFactory<String, byte[]> producers;

    @AfterEach
    void closeProducers() {
        if (producers != null) {
            producers.destroy();
        }
    }

    @Test
    void a_response_gets_503_while_kafka_is_down_and_is_not_counted() throws Exception {
        producers = new DefaultKafkaProducerFactory<>(UnreachableBroker.producerSettings(), new StringSerializer(),
                new ByteArraySerializer());
        EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(producers), Duration.ofSeconds(10));
        SurveyState state = new SurveyState();
        state.completeWhen(() -> true);
        state.assessments().opened(new Assessment("a-1", "acme", "Down", "1", 20, 3, Instant.now(), null, Set.of(),
                null), 0);
        MockMvc mvc = MockMvcBuilders
                .standaloneSetup(new ResponseController(new ResponseIntake(state, publisher, Clock.systemUTC())))
                .setControllerAdvice(new ApiErrors())
                .build();

        mvc.perform(post("/api/responses").contentType("application/json").content("""
                {"assessmentId":"a-1","respondentId":"p-1","function":"SALES","role":"STAFF",
                 "answers":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3]}"""))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").isNotEmpty());

        assertThat(state.responses().counts("a-1").total()).isZero();
    }
}
