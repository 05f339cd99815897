package org.entente.survey.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.survey.domain.Assessment;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.stream.AssessmentService;
import org.entente.survey.stream.EventPublisher;
import org.entente.survey.stream.InvitationService;
import org.entente.survey.stream.ResponseIntake;
import org.entente.survey.stream.SurveyState;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * A service started without {@code ENTENTE_SURVEY_LABEL_KEY} refuses labels (they would have to be stored in clear)
 * with a message that names the setting, and still hands out unlabelled links.
 */
class LabelsWithoutKeyTest {

    @Test
    void labels_are_refused_without_a_key_and_unlabelled_links_still_work() throws Exception {
        // A producer per send, as the template closes each one; the records written are collected in `written`.
        List<ProducerRecord<String, byte[]>> written = new ArrayList<>();
        EventPublisher publisher = new EventPublisher(new KafkaTemplate<>(() -> new MockProducer<>(true, null,
                new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                written.add(record);
                return super.send(record, callback);
            }
        }), Duration.ofSeconds(5));
        SurveyState state = new SurveyState(LabelSeal.none());
        state.completeWhen(() -> true);
        state.assessments().opened(new Assessment("a-1", "acme", "No key", "1", 20, 3, Instant.now(), null, Set.of(),
                null), 0);
        Clock clock = Clock.systemUTC();
        ResponseIntake intake = new ResponseIntake(state, publisher, clock);
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new InvitationController(
                new AssessmentService(state, publisher, clock),
                new InvitationService(state, publisher, intake, clock), state))
                .setControllerAdvice(new ApiErrors()).build();

        mvc.perform(post("/api/assessments/a-1/invitations").contentType("application/json")
                .content("{\"function\":\"SALES\",\"role\":\"STAFF\",\"labels\":[\"Jane Doe\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.containsString("ENTENTE_SURVEY_LABEL_KEY")))
                .andExpect(jsonPath("$.fields.labels", Matchers.containsString("ENTENTE_SURVEY_LABEL_KEY")));
        assertThat(written).isEmpty();

        mvc.perform(post("/api/assessments/a-1/invitations").contentType("application/json")
                .content("{\"function\":\"SALES\",\"role\":\"STAFF\",\"count\":2}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.links.length()").value(2));
        assertThat(written).hasSize(2);
    }
}
