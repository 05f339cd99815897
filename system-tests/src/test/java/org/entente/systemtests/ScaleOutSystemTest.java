package org.entente.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;
import org.entente.systemtests.EntenteStack.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * Two replicas of each Kafka Streams service, from the same images: whichever replica a query reaches, it is answered
 * right, for keys on every partition (so each replica is asked about keys the other holds). Funnel organizations are
 * spread over the partitions by their names; assessments get random ids from survey-service, several of them, each
 * scored differently.
 */
@ExtendWith(EntenteStackExtension.class)
class ScaleOutSystemTest {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final int PARTITIONS = 3;

    @Test
    void eitherFunnelReplicaAnswersForEveryOrganization(EntenteStack stack) {
        List<ServiceContainer> funnel = List.of(stack.service(Service.FUNNEL), stack.replica(Service.FUNNEL));
        Map<String, Integer> leadsOf = new LinkedHashMap<>();
        Map<Integer, Integer> perPartition = new HashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int n = 0; leadsOf.size() < PARTITIONS * 2; n++) {
            String organization = "scale-" + run + "-" + n;
            int partition = Utils.toPositive(Utils.murmur2(organization.getBytes(StandardCharsets.UTF_8)))
                    % PARTITIONS;
            if (perPartition.merge(partition, 1, Integer::sum) <= 2) {
                leadsOf.put(organization, leadsOf.size() + 1);
            }
        }
        Instant at = Instant.now().minus(Duration.ofMinutes(10));
        leadsOf.forEach((organization, leads) -> {
            for (int lead = 0; lead < leads; lead++) {
                Http.Reply accepted = Http.post(funnel.get(0).uri("/api/funnel/events"), Map.of(
                        "organization", organization, "leadId", organization + "-lead-" + lead,
                        "type", "STAGE_ENTERED", "step", "CUSTOMER_AWARENESS", "team", "MARKETING",
                        "actor", "maria", "occurredAt", at.toString()));
                assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            }
        });

        await("every organization's metrics on both funnel replicas").atMost(PATIENCE).ignoreExceptions()
                .untilAsserted(() -> {
                    for (ServiceContainer replica : funnel) {
                        for (Map.Entry<String, Integer> organization : leadsOf.entrySet()) {
                            Http.Reply metrics = Http.get(replica.uri("/api/funnel/metrics?organization="
                                    + organization.getKey()));
                            assertThat(metrics.status()).as("%s: %s", replica, metrics.body()).isEqualTo(200);
                            assertThat(metrics.json().path("leadsAtStep").path("CUSTOMER_AWARENESS").asInt())
                                    .as("%s on %s", organization.getKey(), replica).isEqualTo(organization.getValue());
                        }
                    }
                });
    }

    @Test
    void eitherScoringAndAdviceReplicaAnswersForEveryAssessment(EntenteStack stack) {
        ServiceContainer survey = stack.service(Service.SURVEY);
        List<ServiceContainer> scoring = List.of(stack.service(Service.SCORING), stack.replica(Service.SCORING));
        List<ServiceContainer> advice = List.of(stack.service(Service.ADVICE), stack.replica(Service.ADVICE));
        Map<String, Double> expectedScore = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            Http.Reply opened = Http.post(survey.uri("/api/assessments"), Map.of(
                    "organization", "scale-out", "title", "Scale-out " + i, "anonymityThreshold", 3));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            String id = opened.json().path("assessmentId").asString();
            int sales = 1 + i % 5;
            int marketing = 1 + (i + 2) % 5;
            for (int r = 0; r < 3; r++) {
                FullFlowSystemTest.respond(survey, id, "sales-" + r, "SALES", "STAFF", sales);
                FullFlowSystemTest.respond(survey, id, "marketing-" + r, "MARKETING", "STAFF", marketing);
            }
            expectedScore.put(id, 10.0 * (sales + marketing));
        }

        await("every score and every advice on both replicas").atMost(PATIENCE).ignoreExceptions()
                .untilAsserted(() -> {
                    for (Map.Entry<String, Double> assessment : expectedScore.entrySet()) {
                        for (ServiceContainer replica : scoring) {
                            Http.Reply score = Http.get(replica.uri("/api/assessments/" + assessment.getKey()
                                    + "/score"));
                            assertThat(score.status()).as("%s: %s", replica, score.body()).isEqualTo(200);
                            assertThat(score.json().path("score").asDouble()).isEqualTo(assessment.getValue());
                        }
                        for (ServiceContainer replica : advice) {
                            Http.Reply served = Http.get(replica.uri("/api/assessments/" + assessment.getKey()
                                    + "/advice"));
                            assertThat(served.status()).as("%s: %s", replica, served.body()).isEqualTo(200);
                            assertThat(served.json().path("assessmentId").asString()).isEqualTo(assessment.getKey());
                        }
                    }
                    for (ServiceContainer replica : advice) {
                        JsonNode history = Http.get(replica.uri("/api/organizations/scale-out/history")).json();
                        assertThat(history.findValuesAsString("assessmentId")).as("the whole history on %s", replica)
                                .containsAll(expectedScore.keySet());
                    }
                });
    }
}
