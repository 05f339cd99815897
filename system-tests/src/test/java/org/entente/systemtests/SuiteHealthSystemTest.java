package org.entente.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What holds for the suite from the first skeleton on: the broker image runs a working broker, and each
 * service image starts (with the bean definitions Spring AOT made at build time), finds the broker through the
 * environment and answers the health endpoints that docker-compose.yml and the Kubernetes probes in deploy/ use.
 */
@ExtendWith(EntenteStackExtension.class)
class SuiteHealthSystemTest {

    @Test
    void theBrokerServesClientsOnThePortItWasGiven(EntenteStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void everyServiceIsUpLiveAndReadyOnItsOwnPort(EntenteStack stack) {
        assertThat(stack.services()).hasSize(4);
        for (ServiceContainer service : stack.services()) {
            for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
                Http.Reply reply = Http.get(service.uri(path));
                assertThat(reply.status()).as("%s %s", service, path).isEqualTo(200);
                assertThat(reply.json().path("status").asString()).as("%s %s", service, path).isEqualTo("UP");
            }
        }
    }

    @Test
    void everyImageRunsTheSpringAotCodeItCarries(EntenteStack stack) {
        // funnel-service runs with the blank mail host and alert route that docker-compose.yml passes when they are
        // not set, which once turned its AOT code off.
        for (ServiceContainer service : stack.services()) {
            assertThat(service.logs()).as(service.toString()).contains("Starting AOT-processed")
                    .doesNotContain("Not using the Spring AOT code");
        }
    }

    @Test
    void theImagesAnswerNothingButTheProbesWithoutCredentials(EntenteStack stack) {
        Map<ServiceContainer, String[]> guarded = Map.of(
                stack.service(EntenteStack.Service.SURVEY), new String[] {"POST /api/assessments", "GET /api/assessments",
                        "POST /api/responses", "GET /actuator/prometheus"},
                stack.service(EntenteStack.Service.SCORING), new String[] {"GET /api/assessments/a1/score",
                        "GET /actuator/prometheus"},
                stack.service(EntenteStack.Service.ADVICE), new String[] {"GET /api/assessments/a1/advice",
                        "GET /assessments/a1", "GET /actuator/prometheus"},
                stack.service(EntenteStack.Service.FUNNEL), new String[] {"POST /api/funnel/events",
                        "GET /api/funnel/metrics", "GET /", "GET /actuator/prometheus"});
        guarded.forEach((service, calls) -> {
            for (String call : calls) {
                String[] parts = call.split(" ");
                Http.Reply reply = Http.anonymous(parts[0], service.uri(parts[1]));
                assertThat(reply.status()).as("%s %s", service, call).isEqualTo(401);
                assertThat(reply.json().path("detail").asString()).as("%s %s", service, call).isNotBlank();
            }
        });
        for (ServiceContainer service : stack.services()) {
            Http.Reply probe = Http.anonymous("GET", service.uri("/actuator/health/readiness"));
            assertThat(probe.status()).as("%s readiness", service).isEqualTo(200);
            assertThat(probe.json().has("components")).as("%s shows no details to strangers", service).isFalse();
        }
    }

    @Test
    void anUnknownPathIsAnHttpErrorNotAHang(EntenteStack stack) {
        for (ServiceContainer service : stack.services()) {
            assertThat(Http.get(service.uri("/no-such-page-" + service.service().module())).status())
                    .as("%s", service).isEqualTo(404);
        }
    }
}
