package org.entente.support.relay;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.HostInfo;
import org.entente.security.AccessPolicy;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service in miniature for the relay's tests: one keyed query ({@code /api/things/{id}}, routed by its id through
 * the store "things"), open to viewers and relaying peers, and an owner lookup the test decides ({@link #owners}) in
 * place of Kafka Streams' metadata.
 */
@SpringBootApplication
class RelaySampleApplication {

    static final String STORE = "things";

    /** Who owns a key, as the test says; the default: this instance. */
    static volatile Function<String, Owner> owners = key -> Owner.HERE;

    @Bean
    AccessPolicy accessPolicy() {
        return AccessPolicy.builder().relayed(HttpMethod.GET, AccessPolicy.VIEWERS, "/api/things/{id}").build();
    }

    @Bean
    RelayRoutes relayRoutes() {
        return RelayRoutes.builder().get("/api/things/{id}", STORE, RelayRoutes.KeyOf.pathVariable("id")).build();
    }

    @Bean
    OwnerLookup ownerLookup() {
        return new OwnerLookup() {
            @Override
            public <K> Owner owner(String store, K key, Serializer<K> serializer) {
                return owners.apply((String) key);
            }

            @Override
            public List<Owner> instancesWith(String store) {
                return List.of(Owner.HERE);
            }

            @Override
            public HostInfo self() {
                return new HostInfo("127.0.0.1", 1);
            }
        };
    }

    @RestController
    static class Things {
        @GetMapping("/api/things/{id}")
        Map<String, String> thing(@PathVariable String id) {
            return Map.of("id", id, "answeredBy", "here");
        }
    }
}
