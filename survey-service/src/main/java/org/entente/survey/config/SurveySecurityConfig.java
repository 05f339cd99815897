package org.entente.survey.config;

import java.time.Clock;
import java.time.Duration;
import org.entente.security.AccessPolicy;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.domain.RateLimiter;
import org.entente.survey.web.RespondentRateLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call what in survey-service, and the protections of the one open path. The respondent form is open to
 * anyone; other applications submit responses with the intake token; anyone signed in may read the instrument;
 * everything else (the organizer's pages and API, the trend, the OpenAPI and AsyncAPI documents, metrics) is for
 * admins. The rules shared by every service (health probes, sign-in page, static files) come from the
 * {@code security} module.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurveySecurityConfig.RateLimitProperties.class)
public class SurveySecurityConfig {

    /**
     * Limits of the respondent form ({@code entente.survey.rate-limit.*}): requests per {@code window} per link and
     * per client address, each also allowed as a burst; 0 turns a limit off. A link takes 2 to 4 requests per
     * respondent (show, send, thanks), and a team answering from one office network shares one address.
     */
    @ConfigurationProperties("entente.survey.rate-limit")
    public record RateLimitProperties(@DefaultValue("60") int perLink, @DefaultValue("240") int perAddress,
            @DefaultValue("1m") Duration window, @DefaultValue("100000") int maxTracked) {
    }

    @Bean
    AccessPolicy surveyAccessPolicy() {
        return AccessPolicy.builder()
                .anyone(HttpMethod.GET, "/r/{token}", "/r/{token}/thanks")
                .anyone(HttpMethod.POST, "/r/{token}")
                .intake(HttpMethod.POST, "/api/responses")
                .signedIn(HttpMethod.GET, "/api/instrument", "/api/instrument/{version}")
                .build();
    }

    /** The key that seals invitation labels; start-up fails here when it is set but malformed. */
    @Bean
    LabelSeal labelSeal(@Value("${entente.survey.label-key:}") String key) {
        return LabelSeal.fromBase64(key);
    }

    /**
     * Counts requests to the respondent form before Spring Security sees them (its filter chain runs at -100), so a
     * refused form post still uses up the allowance.
     */
    @Bean
    FilterRegistrationBean<RespondentRateLimit> respondentRateLimit(RateLimitProperties limits, Clock clock) {
        RespondentRateLimit filter = new RespondentRateLimit(
                new RateLimiter(limits.perLink(), limits.window(), limits.maxTracked(), clock),
                new RateLimiter(limits.perAddress(), limits.window(), limits.maxTracked(), clock));
        FilterRegistrationBean<RespondentRateLimit> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/r/*");
        registration.setOrder(-101);
        return registration;
    }
}
