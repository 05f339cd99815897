package org.entente.funnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Routing configuration as it is written (kebab-case, environment-variable style lists) and the switch: no route,
 * no delivery. The deliveries themselves are {@link AlertDeliveryTest}'s.
 */
class AlertRoutingTest {

    private static final Alert BREACH = new Alert("sla-breach:acme:lead-1:0", AlertKind.HANDOFF_SLA_BREACHED, "acme",
            "lead-1", "title", "text");
    private static final Alert ENGAGEMENT = new Alert("engagement:acme:lead-1:r:e", AlertKind.ENGAGEMENT_REQUESTED,
            "acme", "lead-1", "title", "text");

    @Test
    void routesByOrganizationAndKind() {
        AlertDeliveryProperties properties = bind(Map.of(
                "entente.funnel.alerts.routes[0].organization", "acme",
                "entente.funnel.alerts.routes[0].kinds", "handoff-sla-breached",
                "entente.funnel.alerts.routes[0].slack-webhook", "https://hooks.example/a",
                "entente.funnel.alerts.routes[0].mail-to", "one@acme.example,two@acme.example",
                "entente.funnel.alerts.routes[1].organization", "acme",
                "entente.funnel.alerts.routes[1].teams-webhook", "https://teams.example/b",
                "entente.funnel.alerts.routes[2].organization", "globex",
                "entente.funnel.alerts.routes[2].slack-webhook", "https://hooks.example/c"));

        assertThat(properties.targetsOf(BREACH)).extracting(Target::name)
                .containsExactly("routes[0].slack", "routes[0].mail", "routes[1].teams");
        assertThat(properties.targetsOf(ENGAGEMENT)).extracting(Target::name).containsExactly("routes[1].teams");
        assertThat(properties.targetsOf(BREACH).get(1).mailTo()).containsExactly("one@acme.example", "two@acme.example");
        assertThat(properties.targetsOf(BREACH).get(0).keyFor(BREACH)).isEqualTo("sla-breach:acme:lead-1:0|routes[0].slack");
        assertThat(properties.targetsOf(BREACH).get(0)).hasToString("routes[0].slack");
        assertThat(properties.attempts()).isEqualTo(5);
    }

    @Test
    void aRouteWithoutChannelsDeliversNothing() {
        AlertDeliveryProperties properties = bind(Map.of("entente.funnel.alerts.routes[0].organization", "acme",
                "entente.funnel.alerts.routes[0].slack-webhook", " "));

        assertThat(properties.enabled()).isFalse();
        assertThat(properties.targetsOf(BREACH)).isEmpty();
    }

    @Test
    void isOffWhenNoRouteIsConfigured() {
        new ApplicationContextRunner().withUserConfiguration(AlertDeliveryConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AlertDelivery.class)
                        .doesNotHaveBean(AlertDeliveryProperties.class));
    }

    private static AlertDeliveryProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("entente.funnel.alerts", AlertDeliveryProperties.class);
    }
}
