package org.entente.funnel.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code entente.funnel.alerts.*}: where alerts go, per organization and kind, and how hard to try. With no route
 * (the default) nothing is delivered and no consumer runs. Webhook URLs and addresses are secrets: set them from the
 * environment ({@code ENTENTE_FUNNEL_ALERTS_ROUTES_0_SLACK_WEBHOOK}), never in a committed file.
 *
 * @param routes which organization's alerts of which kinds go to which channels
 * @param attempts how often one channel is tried for one alert before it is given up (at least 1)
 * @param backoff the wait after the first failed attempt, doubled after each further one up to {@code maxBackoff}
 * @param maxAge alerts whose record timestamp (Kafka Streams' stream time: the event time of the funnel event
 *     behind it) is older than this when read are not delivered, as a new consumer group reads the topic from its
 *     beginning and must not page people about last month; {@code 0} delivers whatever the age
 * @param group the consumer group whose committed offsets say how far delivery got
 * @param mailFrom the sender of alert mails
 */
@ConfigurationProperties("entente.funnel.alerts")
public record AlertDeliveryProperties(
        List<Route> routes,
        @DefaultValue("5") int attempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("1m") Duration maxBackoff,
        @DefaultValue("7d") Duration maxAge,
        @DefaultValue("funnel-service-alert-delivery") String group,
        @DefaultValue("entente-alerts@localhost") String mailFrom) {

    /**
     * One route: an organization's alerts (of {@code kinds}, or of every kind when empty) to any of a Slack webhook,
     * a Teams webhook and mail addresses.
     */
    public record Route(String organization, Set<AlertKind> kinds, String slackWebhook, String teamsWebhook,
            List<String> mailTo) {

        boolean matches(Alert alert) {
            return alert.organization().equals(organization)
                    && (kinds == null || kinds.isEmpty() || kinds.contains(alert.kind()));
        }
    }

    /** True when at least one route names an organization and a channel. */
    public boolean enabled() {
        return !targets().isEmpty();
    }

    /** The channels this alert goes to, each once per route. */
    public List<Target> targetsOf(Alert alert) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; routes != null && i < routes.size(); i++) {
            if (routes.get(i).matches(alert)) {
                targets.addAll(targets(i));
            }
        }
        return targets;
    }

    /** Every configured channel of every route. */
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; routes != null && i < routes.size(); i++) {
            if (routes.get(i).organization() != null && !routes.get(i).organization().isBlank()) {
                targets.addAll(targets(i));
            }
        }
        return targets;
    }

    private List<Target> targets(int index) {
        Route route = routes.get(index);
        String name = "routes[" + index + "].";
        List<Target> targets = new ArrayList<>();
        if (present(route.slackWebhook())) {
            targets.add(new Target(name + "slack", ChannelType.SLACK, route.slackWebhook(), List.of()));
        }
        if (present(route.teamsWebhook())) {
            targets.add(new Target(name + "teams", ChannelType.TEAMS, route.teamsWebhook(), List.of()));
        }
        if (route.mailTo() != null && route.mailTo().stream().anyMatch(AlertDeliveryProperties::present)) {
            targets.add(new Target(name + "mail", ChannelType.MAIL, null,
                    route.mailTo().stream().filter(AlertDeliveryProperties::present).toList()));
        }
        return targets;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
