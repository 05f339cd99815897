package org.entente.funnel.delivery;

import java.util.List;

/**
 * One channel of one route: the webhook URL or the mail addresses, and the name that, with the alert's id, keys the
 * delivery ({@code routes[0].slack}). The name is what logs and the delivered-log topic show; the destination is a
 * secret and {@link #toString()} leaves it out.
 */
public record Target(String name, ChannelType type, String webhook, List<String> mailTo) {

    /** The idempotency key of this alert on this channel. */
    public String keyFor(Alert alert) {
        return alert.id() + "|" + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
