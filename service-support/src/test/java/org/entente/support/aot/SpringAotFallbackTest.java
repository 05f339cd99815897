package org.entente.support.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * When a start may use the Spring AOT code: with the settings of the local stack and of a default compose or
 * Kubernetes deployment it may; with any setting that decides which beans exist (the deployments' JWT issuer, OIDC
 * provider, OTLP endpoint, mail host, alert routes, forwarded headers handled by the framework) it may not.
 */
class SpringAotFallbackTest {

    private final String aotEnabledBefore = System.getProperty(SpringAotFallback.AOT_ENABLED);

    @AfterEach
    void restoreTheAotSwitch() {
        if (aotEnabledBefore == null) {
            System.clearProperty(SpringAotFallback.AOT_ENABLED);
        } else {
            System.setProperty(SpringAotFallback.AOT_ENABLED, aotEnabledBefore);
        }
        System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
    }

    @Test
    void theDeploymentsDefaultSettingsKeepTheAotCode() {
        // What the local stack, compose (with funnel's mail and route variables blank, as compose passes them when
        // they are not set) and the Kubernetes ConfigMap set.
        Map<String, String> variables = new HashMap<>(Map.of("SERVER_PORT", "8081", "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:9092", "ENTENTE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "ENTENTE_KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512", "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED",
                "true", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0.1", "SERVER_FORWARD_HEADERS_STRATEGY", "native",
                "ENTENTE_USERS_0_NAME", "admin"));
        variables.putAll(Map.of("SPRING_MAIL_HOST", "", "SPRING_MAIL_PORT", "25",
                "ENTENTE_FUNNEL_ALERTS_ROUTES_0_ORGANIZATION", "", "ENTENTE_FUNNEL_ALERTS_ROUTES_0_SLACK_WEBHOOK", "",
                "ENTENTE_FUNNEL_ALERTS_ROUTES_0_TEAMS_WEBHOOK", "", "ENTENTE_FUNNEL_ALERTS_ROUTES_0_MAIL_TO", ""));
        StandardEnvironment environment = environment(variables);
        assertThat(SpringAotFallback.firstSet(environment)).isEmpty();

        System.setProperty(SpringAotFallback.AOT_ENABLED, "true");
        new SpringAotFallback(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
        assertThat(System.getProperty(SpringAotFallback.AOT_ENABLED)).isEqualTo("true");
    }

    @Test
    void eachSettingThatDecidesWhichBeansExistTurnsTheAotCodeOff() {
        Map<String, String> deciding = Map.of(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", "https://login.example.com/realms/entente",
                "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_SSO_CLIENT_ID", "entente",
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://collector:4318/v1/traces",
                "MANAGEMENT_TRACING_ENABLED", "false",
                "SPRING_MAIL_HOST", "smtp.example.com",
                "ENTENTE_FUNNEL_ALERTS_ROUTES_0_ORGANIZATION", "acme",
                "SERVER_FORWARD_HEADERS_STRATEGY", "framework",
                "SPRING_AUTOCONFIGURE_EXCLUDE", "org.example.SomeAutoConfiguration");
        deciding.forEach((variable, value) -> assertThat(SpringAotFallback.firstSet(environment(Map.of(variable, value))))
                .as(variable).isPresent());
        assertThat(SpringAotFallback.firstSet(properties(Map.of(
                "spring.security.oauth2.client.provider.sso.issuer-uri", "https://login.example.com")))).isPresent();
        assertThat(SpringAotFallback.firstSet(properties(Map.of("entente.funnel.alerts.routes[0].organization", "acme",
                "entente.funnel.alerts.routes[0].slack-webhook", "https://hooks.example.com/x"))))
                .as("routes from a configuration file").isPresent();
        // A blank value in a source that takes precedence is what counts.
        StandardEnvironment blankOverMailHost = properties(Map.of("spring.mail.host", "smtp.example.com"));
        blankOverMailHost.getPropertySources().addFirst(new MapPropertySource("blank", Map.of("spring.mail.host", "")));
        assertThat(SpringAotFallback.firstSet(blankOverMailHost)).isEmpty();
    }

    @Test
    void aStartWithSuchASettingRunsWithoutTheAotCode() {
        System.setProperty(SpringAotFallback.AOT_ENABLED, "true");
        new SpringAotFallback(new DeferredLogs()).postProcessEnvironment(
                environment(Map.of("SPRING_MAIL_HOST", "smtp.example.com")), new SpringApplication());
        assertThat(System.getProperty(SpringAotFallback.AOT_ENABLED)).isEqualTo("false");
    }

    @Test
    void theBuildRefusesToMakeAotCodeThatAssumesSuchASetting() {
        System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
        assertThatThrownBy(() -> new SpringAotFallback(new DeferredLogs()).postProcessEnvironment(
                environment(Map.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://collector:4318")),
                new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("management.opentelemetry.tracing.export");
    }

    /** An environment whose operating-system environment holds {@code variables} (and nothing else). */
    private static StandardEnvironment environment(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new HashMap<>(variables)));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    /** An environment with {@code properties} as an application.yml would give them. */
    private static StandardEnvironment properties(Map<String, Object> properties) {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        return environment;
    }
}
