package org.entente.survey.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.entente.survey.domain.LabelSeal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The label key is checked at start-up: a malformed one stops the service with a message that names it. */
class SurveySecurityConfigTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SurveySecurityConfig.class)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void a_malformed_label_key_stops_the_start() {
        runner.withPropertyValues("entente.survey.label-key=" + Base64.getEncoder().encodeToString(new byte[20]))
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable cause = context.getStartupFailure();
                    while (cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).hasMessageContaining("ENTENTE_SURVEY_LABEL_KEY")
                            .hasMessageContaining("20 bytes");
                });
    }

    @Test
    void the_settings_are_read_from_the_environment_variables_the_readme_names() {
        Map<String, Object> environment = Map.of(
                "ENTENTE_SURVEY_LABEL_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                "ENTENTE_SURVEY_RATE_LIMIT_PER_LINK", "7",
                "ENTENTE_SURVEY_RATE_LIMIT_PER_ADDRESS", "70");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment)))
                .withPropertyValues("entente.survey.label-key=${ENTENTE_SURVEY_LABEL_KEY:}")
                .run(context -> {
                    assertThat(context.getBean(LabelSeal.class).canSeal()).isTrue();
                    SurveySecurityConfig.RateLimitProperties limits = context
                            .getBean(SurveySecurityConfig.RateLimitProperties.class);
                    assertThat(limits.perLink()).isEqualTo(7);
                    assertThat(limits.perAddress()).isEqualTo(70);
                    assertThat(limits.window()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void without_a_key_the_service_starts_and_cannot_seal_labels() {
        runner.run(context -> assertThat(context.getBean(LabelSeal.class).canSeal()).isFalse());
        runner.withPropertyValues("entente.survey.label-key=" + Base64.getEncoder().encodeToString(new byte[32]))
                .run(context -> assertThat(context.getBean(LabelSeal.class).canSeal()).isTrue());
    }
}
