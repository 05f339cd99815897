package org.entente.funnel.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one alert to one channel, once: a Slack incoming webhook ({@code {"text": ...}}), a Microsoft Teams
 * incoming webhook (a message with one Adaptive Card, the shape Teams workflows accept) or a plain-text mail through
 * Spring's {@link JavaMailSender}. A failure is a {@link DeliveryFailed} whose message never holds the URL or the
 * addresses (the causes of HTTP and mail clients may, so they are not kept). Retrying is the caller's job.
 * It does not send HTML mail or Slack blocks yet.
 */
public class ChannelSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final JavaMailSender mail;
    private final String mailFrom;

    /** @param mail the mail sender, or null when no SMTP server is configured (mail targets then fail) */
    public ChannelSender(JavaMailSender mail, String mailFrom) {
        this.mail = mail;
        this.mailFrom = mailFrom;
    }

    /** Delivers the alert to the target, or throws. */
    public void send(Target target, Alert alert) throws DeliveryFailed {
        switch (target.type()) {
            case SLACK -> post(target, Map.of("text", "*" + alert.title() + "*\n" + alert.text()));
            case TEAMS -> post(target, teamsMessage(alert));
            case MAIL -> mail(target, alert);
            default -> throw new IllegalArgumentException(target.type().name());
        }
    }

    static Map<String, Object> teamsMessage(Alert alert) {
        Map<String, Object> card = Map.of(
                "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                "type", "AdaptiveCard",
                "version", "1.4",
                "body", List.of(
                        Map.of("type", "TextBlock", "text", alert.title(), "weight", "Bolder", "wrap", true),
                        Map.of("type", "TextBlock", "text", alert.text(), "wrap", true)));
        return Map.of("type", "message", "attachments", List.of(Map.of(
                "contentType", "application/vnd.microsoft.card.adaptive", "contentUrl", "", "content", card)));
    }

    private void post(Target target, Map<String, Object> body) throws DeliveryFailed {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.webhook())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailed(target, "the webhook URL is not valid");
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new DeliveryFailed(target, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed(target, "interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailed(target, "HTTP " + response.statusCode());
        }
    }

    private void mail(Target target, Alert alert) throws DeliveryFailed {
        if (mail == null) {
            throw new DeliveryFailed(target, "no SMTP server is configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(mailFrom);
        message.setTo(target.mailTo().toArray(String[]::new));
        message.setSubject("[Entente] " + alert.title());
        message.setText(alert.text() + "\n\nAlert id: " + alert.id());
        try {
            mail.send(message);
        } catch (MailException e) {
            throw new DeliveryFailed(target, e.getClass().getSimpleName());
        }
    }

    /** A channel refused or could not be reached; the message names the target, never its destination. */
    public static final class DeliveryFailed extends Exception {
        DeliveryFailed(Target target, String why) {
            super(target.name() + ": " + why, null, false, false);
        }
    }
}
