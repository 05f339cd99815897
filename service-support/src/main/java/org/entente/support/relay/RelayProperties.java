package org.entente.support.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long one instance waits for another when it relays a query ({@code entente.relay.*}, or
 * {@code ENTENTE_RELAY_CONNECT_TIMEOUT} and so on):
 *
 * @param connectTimeout how long to wait for the owner to accept the connection (2s)
 * @param readTimeout how long to wait for the owner's whole answer (10s)
 * @param retryAfter what a 503 tells the caller to wait before asking again, while ownership is being settled (2s)
 */
@ConfigurationProperties("entente.relay")
public record RelayProperties(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("2s") Duration retryAfter) {

    public static RelayProperties defaults() {
        return new RelayProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
}
