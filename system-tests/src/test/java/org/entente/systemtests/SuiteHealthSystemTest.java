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
 * service image starts, finds the broker through the environment and answers the health endpoints that
 * docker-compose.yml and the Kubernetes probes in deploy/ use.
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
    void anUnknownPathIsAnHttpErrorNotAHang(EntenteStack stack) {
        for (ServiceContainer service : stack.services()) {
            assertThat(Http.get(service.uri("/no-such-page-" + service.service().module())).status())
                    .as("%s", service).isEqualTo(404);
        }
    }
}
