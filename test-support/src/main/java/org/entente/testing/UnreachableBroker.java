package org.entente.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Settings for a producer whose broker is away: a bootstrap address on 127.0.0.1 where nothing listens (a port that
 * was free a moment ago), with the services' acks=all and idempotence, and timeouts of a second or two so that a test
 * sees the failure quickly. For tests of what a service answers when Kafka cannot take a write.
 */
public final class UnreachableBroker {

    private UnreachableBroker() {
    }

    public static Map<String, Object> producerSettings() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000);
    }
}
