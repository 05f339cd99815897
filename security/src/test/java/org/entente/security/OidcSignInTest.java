package org.entente.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * OIDC sign-in end to end: a real OpenID provider (Spring Authorization Server) and a service in miniature, each
 * on its own port, and a client that keeps cookies and follows every redirect by hand, as a browser does. The
 * roles come from the ID token's {@code roles} claim.
 */
class OidcSignInTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private static ConfigurableApplicationContext provider;
    private static ConfigurableApplicationContext service;
    private static int providerPort;
    private static int servicePort;

    /** The identity provider: two people, one of them with an Entente role in her ID token. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = EntenteSecurityConfiguration.class)
    static class IdentityProvider {
        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("dana").password("{noop}dana-pass").roles("USER").build(),
                    User.withUsername("erin").password("{noop}erin-pass").roles("USER").build());
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> ententeRoles() {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                        && "dana".equals(context.getPrincipal().getName())) {
                    context.getClaims().claim("roles", List.of("marketing-viewer"));
                }
            };
        }
    }

    @BeforeAll
    static void start() throws IOException {
        providerPort = freePort();
        servicePort = freePort();
        String issuer = "http://127.0.0.1:" + providerPort;
        String client = "spring.security.oauth2.authorizationserver.client.entente.registration.";
        provider = new SpringApplicationBuilder(IdentityProvider.class).properties(
                "server.port=" + providerPort, "server.address=127.0.0.1",
                "server.servlet.session.cookie.name=PROVIDER_SESSION",
                "spring.security.oauth2.authorizationserver.issuer=" + issuer,
                client + "client-id=entente", client + "client-secret={noop}entente-secret",
                client + "client-authentication-methods=client_secret_basic",
                client + "authorization-grant-types=authorization_code",
                client + "redirect-uris=http://127.0.0.1:" + servicePort + "/login/oauth2/code/sso",
                client + "scopes=openid,profile",
                "spring.security.oauth2.authorizationserver.client.entente.require-authorization-consent=false")
                .run();
        service = new SpringApplicationBuilder(SampleApplication.class).properties(
                "server.port=" + servicePort, "server.address=127.0.0.1",
                "server.servlet.session.cookie.name=SERVICE_SESSION",
                "spring.security.oauth2.client.registration.sso.client-id=entente",
                "spring.security.oauth2.client.registration.sso.client-secret=entente-secret",
                "spring.security.oauth2.client.registration.sso.scope=openid,profile",
                "spring.security.oauth2.client.provider.sso.issuer-uri=" + issuer).run();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void aPersonSignsInWithTheProviderAndGetsTheRoleInHerIdToken() throws Exception {
        Browser dana = new Browser();
        HttpResponse<String> board = dana.signInThroughProvider("dana", "dana-pass");
        assertThat(board.uri().getPath()).isEqualTo("/board");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).startsWith("board for ");
        HttpResponse<String> things = dana.get(service("/api/things"), "application/json");
        assertThat(things.statusCode()).isEqualTo(403);
        assertThat(things.body()).contains("(Marketing viewer)");
    }

    @Test
    void someoneWithoutAnEntenteRoleSignsInButSeesNothing() throws Exception {
        Browser erin = new Browser();
        HttpResponse<String> board = erin.signInThroughProvider("erin", "erin-pass");
        assertThat(board.statusCode()).isEqualTo(403);
        assertThat(board.body()).contains("no Entente role");
    }

    private static URI service(String path) {
        return URI.create("http://127.0.0.1:" + servicePort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keeps cookies per host, follows redirects one at a time. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> signInThroughProvider(String user, String password) throws Exception {
            HttpResponse<String> page = follow(get(service("/board"), "text/html"));
            assertThat(page.uri().getPath()).as("the service's sign-in page").isEqualTo("/login");
            assertThat(page.body()).contains("/oauth2/authorization/sso");
            HttpResponse<String> providerLogin = follow(get(service("/oauth2/authorization/sso"), "text/html"));
            assertThat(providerLogin.uri().getPort()).as("at the provider").isEqualTo(providerPort);
            Matcher csrf = CSRF.matcher(providerLogin.body());
            assertThat(csrf.find()).isTrue();
            String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            return follow(http.send(HttpRequest.newBuilder(providerLogin.uri().resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
        }

        HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
            for (int hops = 0; hops < 12 && response.statusCode() / 100 == 3; hops++) {
                URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
                response = get(next, "text/html");
            }
            return response;
        }
    }
}
