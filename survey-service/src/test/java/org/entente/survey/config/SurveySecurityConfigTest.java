package org.entente.survey.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Base64;
import org.entente.survey.domain.LabelSeal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
    void without_a_key_the_service_starts_and_cannot_seal_labels() {
        runner.run(context -> assertThat(context.getBean(LabelSeal.class).canSeal()).isFalse());
        runner.withPropertyValues("entente.survey.label-key=" + Base64.getEncoder().encodeToString(new byte[32]))
                .run(context -> assertThat(context.getBean(LabelSeal.class).canSeal()).isTrue());
    }
}
