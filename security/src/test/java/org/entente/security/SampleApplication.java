package org.entente.security;

import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service in miniature: one endpoint of each kind a real service has, behind the shared security. */
@SpringBootApplication
class SampleApplication {

    @Bean
    AccessPolicy accessPolicy() {
        return AccessPolicy.builder()
                .anyone(HttpMethod.GET, "/r/{token}")
                .viewers(HttpMethod.GET, "/board")
                .relayed(HttpMethod.GET, AccessPolicy.VIEWERS, "/api/things/{id}/summary")
                .intake(HttpMethod.POST, "/api/events")
                .signedIn(HttpMethod.GET, "/api/catalog")
                .build();
    }

    @RestController
    static class Endpoints {
        @GetMapping("/r/{token}")
        String respondent(@PathVariable String token) {
            return "form";
        }

        @GetMapping(path = "/board", produces = { MediaType.TEXT_HTML_VALUE, MediaType.APPLICATION_JSON_VALUE })
        String board(Authentication caller) {
            return "board for " + caller.getName();
        }

        @GetMapping("/api/things/{id}/summary")
        Map<String, String> summary(@PathVariable String id, Authentication caller) {
            return Map.of("id", id, "caller", caller.getName());
        }

        @PostMapping("/api/events")
        Map<String, String> event() {
            return Map.of("accepted", "yes");
        }

        @GetMapping("/api/catalog")
        Map<String, String> catalog() {
            return Map.of("items", "20");
        }

        @GetMapping(path = "/admin", produces = MediaType.TEXT_HTML_VALUE)
        String adminPage() {
            return "tools";
        }

        @GetMapping("/api/things")
        Map<String, String> list() {
            return Map.of("things", "none");
        }

        @PostMapping("/api/things")
        Map<String, String> create() {
            return Map.of("created", "yes");
        }
    }
}
