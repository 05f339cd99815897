package org.entente.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared security on a real server, over real HTTP: static tokens, form sign-in with CSRF, JWTs checked against
 * a key made for this test, and the refusals' status, headers and messages.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.application.name=sample-service", "entente.api-token=admin-token-123",
                "entente.intake-token=intake-token-456", "entente.peer-token=peer-token-789",
                "entente.users[0].name=admin", "entente.users[0].password=admin-pass", "entente.users[0].role=admin",
                "entente.users[1].name=sales", "entente.users[1].password=sales-pass",
                "entente.users[1].role=sales-viewer", "entente.users[2].name=marketing",
                "entente.users[2].password={noop}marketing-pass", "entente.users[2].role=MARKETING_VIEWER" })
class AccessTest {

    private static final RSAKey KEY = newKey();
    private static final RSAKey OTHER_KEY = newKey();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwt(DynamicPropertyRegistry registry) throws Exception {
        Path pem = Files.createTempFile("entente-jwt-", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEY.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @Test
    void withoutCredentialsAnApiAnswers401WithAMessage() throws Exception {
        HttpResponse<String> response = get("/api/things", null, "application/json");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(response.body()).contains("\"status\":401", "\"title\":\"Unauthorized\"")
                .contains("\"detail\":\"this needs credentials");
    }

    @Test
    void aWriteWithoutCredentialsIsA401NotACsrfStory() throws Exception {
        for (String path : List.of("/api/things", "/api/events")) {
            HttpResponse<String> response = post(path, null, "application/json");
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).contains("this needs credentials");
        }
    }

    @Test
    void withoutCredentialsAPageSendsThePersonToSignIn() throws Exception {
        HttpResponse<String> response = get("/board", null, "text/html");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void theRespondentLinkAndTheProbeAnswerAnyone() throws Exception {
        assertThat(get("/r/some-token", null, "text/html").body()).isEqualTo("form");
        assertThat(get("/login", null, "text/html").statusCode()).isEqualTo(200);
    }

    @Test
    void theSignInPageNamesTheProductAndTheServiceAndTheFaviconIsOpen() throws Exception {
        HttpResponse<String> page = get("/login", null, "text/html");
        assertThat(page.body()).contains("<html lang=\"en\">", "<title>Sign in · sample-service · Entente</title>",
                ">Entente<", "<h1>Sign in to sample-service</h1>", "<label for=\"username\">",
                "<label for=\"password\">").doesNotContain("signed out", "did not match");
        assertThat(get("/login?logout", null, "text/html").body()).contains("You have been signed out.");

        HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/favicon.ico"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith(0, 0, 1, 0);
    }

    @Test
    void aWrongTokenIsRefusedWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = get("/api/things", "Bearer not-a-token", "application/json");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        assertThat(response.body()).contains("the credentials were refused").doesNotContain("not-a-token");
    }

    @Test
    void theAdminTokenReachesEverythingAndNeedsNoCsrf() throws Exception {
        assertThat(get("/api/things", "Bearer admin-token-123", "application/json").statusCode()).isEqualTo(200);
        assertThat(post("/api/things", "Bearer admin-token-123", null).statusCode()).isEqualTo(200);
        assertThat(get("/board", "Bearer admin-token-123", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void aProgramsCallLeavesNoSessionBehindEvenWhenRefused() throws Exception {
        List<HttpResponse<String>> calls = List.of(get("/board", "Bearer not-a-token", "text/html"),
                get("/board", "Bearer intake-token-456", "text/html"), get("/board", "Bearer admin-token-123",
                        "text/html"), post("/api/things", "Bearer admin-token-123", null),
                post("/logout", "Bearer admin-token-123", "text/html")); // a program has no sign-out
        assertThat(calls).extracting(HttpResponse::statusCode).containsExactly(401, 403, 200, 200, 404);
        for (HttpResponse<String> call : calls) {
            assertThat(call.headers().allValues("Set-Cookie")).as(call.request().method() + " " + call.uri())
                    .isEmpty();
        }
    }

    @Test
    void theIntakeTokenOnlySubmitsAndReads() throws Exception {
        assertThat(post("/api/events", "Bearer intake-token-456", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/catalog", "Bearer intake-token-456", "application/json").statusCode()).isEqualTo(200);
        HttpResponse<String> board = get("/board", "Bearer intake-token-456", "application/json");
        assertThat(board.statusCode()).isEqualTo(403);
        assertThat(board.body()).contains("signed in as intake-token (Intake application)")
                .contains("this needs Admin or Sales viewer or Marketing viewer");
        assertThat(post("/api/things", "Bearer intake-token-456", null).statusCode()).isEqualTo(403);
    }

    @Test
    void thePeerTokenOnlyReachesRelayedQueries() throws Exception {
        assertThat(get("/api/things/a1/summary", "Bearer peer-token-789", "application/json").statusCode())
                .isEqualTo(200);
        assertThat(get("/board", "Bearer peer-token-789", "application/json").statusCode()).isEqualTo(403);
        assertThat(get("/api/catalog", "Bearer peer-token-789", "application/json").statusCode()).isEqualTo(403);
    }

    @Test
    void aViewerSignsInWithTheFormSeesTheBoardAndNothingElse() throws Exception {
        Browser sales = signIn("sales", "sales-pass");
        HttpResponse<String> board = sales.get("/board", "text/html");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).isEqualTo("board for sales");
        HttpResponse<String> things = sales.get("/api/things", "application/json");
        assertThat(things.statusCode()).isEqualTo(403);
        assertThat(things.body()).contains("signed in as sales (Sales viewer)").contains("this needs Admin");
        HttpResponse<String> page = sales.get("/admin", "text/html");
        assertThat(page.body()).contains("<h1>Forbidden</h1>").contains("Sign in as someone else");
    }

    @Test
    void aSessionPostWithoutTheCsrfTokenIsRefused() throws Exception {
        Browser admin = signIn("admin", "admin-pass");
        HttpResponse<String> forged = admin.send(HttpRequest.newBuilder(uri("/api/things"))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("did not come from this site");
    }

    @Test
    void passwordsAreCheckedAndAnEncodedOneIsAccepted() throws Exception {
        Browser stranger = new Browser();
        String csrf = stranger.csrf();
        HttpResponse<String> refused = stranger.form("/login", "username", "sales", "password", "wrong", "_csrf",
                csrf);
        String back = refused.headers().firstValue("Location").orElseThrow();
        assertThat(back).contains("/login?error");
        assertThat(stranger.get(back.substring(back.indexOf("/login")), "text/html").body())
                .as("the sign-in page says so").contains("role=\"alert\"", "That name and password did not match.");
        assertThat(signIn("marketing", "marketing-pass").get("/board", "text/html").body())
                .isEqualTo("board for marketing");
    }

    @Test
    void afterSigningInThePersonLandsOnThePageTheyAskedFor() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get("/board", "text/html").statusCode()).isEqualTo(302);
        String csrf = browser.csrf();
        HttpResponse<String> signedIn = browser.form("/login", "username", "sales", "password", "sales-pass",
                "_csrf", csrf);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).contains("/board");
    }

    @Test
    void aJwtCarriesItsRoles() throws Exception {
        assertThat(get("/board", "Bearer " + jwt(KEY, List.of("sales-viewer"), 300), "application/json").body())
                .isEqualTo("board for dana");
        assertThat(get("/api/things", "Bearer " + jwt(KEY, List.of("admin"), 300), "application/json")
                .statusCode()).isEqualTo(200);
        assertThat(get("/api/things", "Bearer " + jwt(KEY, List.of("sales-viewer"), 300), "application/json")
                .statusCode()).isEqualTo(403);
        // PEER is for instances with the peer token, never taken from a token's claims.
        assertThat(get("/api/things/a1/summary", "Bearer " + jwt(KEY, List.of("peer"), 300), "application/json")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredJwtOrOneSignedByAnotherKeyIsRefused() throws Exception {
        HttpResponse<String> expired = get("/board", "Bearer " + jwt(KEY, List.of("admin"), -600),
                "application/json");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("the credentials were refused").containsIgnoringCase("expired");
        HttpResponse<String> forged = get("/board", "Bearer " + jwt(OTHER_KEY, List.of("admin"), 300),
                "application/json");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("the credentials were refused");
    }

    private static String jwt(RSAKey key, List<String> roles, long secondsToLive) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("dana").claim("roles", roles)
                .issueTime(Date.from(now.minusSeconds(Math.max(0, -secondsToLive) + 60)))
                .expirationTime(Date.from(now.plusSeconds(secondsToLive))).build();
        SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path, String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", accept);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept",
                accept == null ? "application/json" : accept).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Browser signIn(String user, String password) throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.form("/login", "username", user, "password", password, "_csrf",
                browser.csrf());
        assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return browser;
    }

    /** A client that keeps cookies and does not follow redirects, as far as these tests need a browser. */
    private final class Browser {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept));
        }

        String csrf() throws IOException, InterruptedException {
            Matcher matcher = CSRF.matcher(get("/login", "text/html").body());
            assertThat(matcher.find()).as("the sign-in page carries a CSRF token").isTrue();
            return matcher.group(1);
        }

        HttpResponse<String> form(String path, String... fields) throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < fields.length; i += 2) {
                body.append(i == 0 ? "" : "&").append(fields[i]).append('=')
                        .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
            }
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
