package org.entente.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person signed in with the service's sign-in form, as a program: an HTTP client with its own cookie jar that
 * fetches {@code /login}, posts the form with its CSRF token and then sends the session cookie with every request.
 * One per instance: the instances share a host name, and cookies do not tell ports apart.
 */
public final class FormSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    private FormSignIn(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs in on {@code baseUrl} (such as {@code http://localhost:PORT}) or fails saying why. */
    public static FormSignIn as(String baseUrl, String user, String password) throws IOException, InterruptedException {
        FormSignIn session = new FormSignIn(baseUrl);
        HttpResponse<String> page = session.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("no sign-in form at " + baseUrl + "/login: " + page.statusCode());
        }
        String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        HttpResponse<String> signedIn = session.http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("signing in as " + user + " was refused: " + signedIn.statusCode() + " "
                    + location);
        }
        return session;
    }

    /** The signed-in HTTP client itself, for requests the methods here do not make (a stream read line by line). */
    public HttpClient client() {
        return http;
    }

    /** A GET with the session cookie, asking for JSON. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "application/json");
    }

    /** A GET with the session cookie, asking for {@code accept} (text/html for a page). */
    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with the session cookie (the form's CSRF field included in {@code form}). */
    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
