package org.entente.funnel.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.events.FunnelEvent;
import org.entente.funnel.stream.FunnelEventPublisher;
import org.entente.schemas.Topics;
import org.entente.testing.UnreachableBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * With no broker to take it, a funnel event posted over HTTP is answered 503 with a problem+json body once the
 * producer gives up (here: no metadata within max.block.ms, which the template throws at once), never 202 nor 500.
 */
class KafkaDownTest {

    private DefaultKafkaProducerFactory<String, FunnelEvent> producers;

    @AfterEach
    void closeProducers() {
        if (producers != null) {
            producers.destroy();
        }
    }

    @Test
    void anEventGets503WhileKafkaIsDown() throws Exception {
        producers = new DefaultKafkaProducerFactory<>(UnreachableBroker.producerSettings(), new StringSerializer(),
                Topics.FUNNEL_EVENTS.valueSerde().serializer());
        // Only the intake is exercised: it needs the publisher, not the stores behind the other endpoints.
        var controller = new FunnelApiController(new FunnelEventPublisher(new KafkaTemplate<>(producers)), null, null,
                null);
        MockMvc mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ApiExceptionHandler())
                .build();

        mvc.perform(post("/api/funnel/events").contentType("application/json").content("""
                {"eventId":"down-1","organization":"acme","leadId":"L-1","type":"STAGE_ENTERED",
                 "step":"BRAND_AWARENESS","team":"MARKETING","actor":"maria"}"""))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Kafka did not")));
    }
}
