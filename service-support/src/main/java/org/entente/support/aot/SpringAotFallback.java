package org.entente.support.aot;

import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps Spring AOT from running a service with the wrong beans. The services' jars and images carry the bean
 * definitions Spring AOT worked out at build time ({@code process-aot}), used when the JVM runs with
 * {@code -Dspring.aot.enabled=true} (the local stack and the images do); those definitions are the outcome of every
 * condition as it was at build time, where none of the settings below is set. Each of these settings, when a
 * deployment sets it, makes Spring Boot (or a service) create beans that the build did not:
 * <ul>
 * <li>{@code spring.security.oauth2.resourceserver.*}: the JWT decoder (JWT bearer tokens), {@code security};</li>
 * <li>{@code spring.security.oauth2.client.*}: the OIDC provider's registration (OIDC sign-in), {@code security};</li>
 * <li>{@code management.opentelemetry.tracing.export.*}, {@code management.tracing.export.*},
 * {@code management.tracing.enabled}: the OTLP span exporter, or no tracing;</li>
 * <li>{@code spring.mail.host} (not blank), {@code spring.mail.jndi-name}: funnel-service's mail sender (Boot creates
 * one for a blank host too, which funnel-service takes for no SMTP server, as the AOT code does);</li>
 * <li>{@code entente.funnel.alerts.routes[0].organization} (not blank): funnel-service's alert delivery, which is on
 * only when the first route names an organization;</li>
 * <li>{@code server.forward-headers-strategy=framework}: Spring's forwarded-header filter ({@code native} is read at run
 * time and needs nothing);</li>
 * <li>{@code spring.autoconfigure.exclude}: whatever it removes.</li>
 * </ul>
 * When one of them is present at start-up (even blank, but for the two marked "not blank": a compose file passes
 * unset variables as blank ones), this
 * start does not use the AOT code: it turns {@code spring.aot.enabled} off before the application context is made,
 * so Spring Boot evaluates every condition as usual, and says so in the log. It errs on the safe side: a setting that
 * would not change a bean still turns AOT off. While {@code process-aot} runs it refuses to go on when one of them is
 * set, so the AOT code never assumes one.
 *
 * <p>It does not know settings beyond this list: one that decides a condition and is not listed here (a deployment
 * not described in the README, compose files or Kubernetes manifests) must be added to {@link #SETTINGS}.
 */
public class SpringAotFallback implements EnvironmentPostProcessor, Ordered {

    /** The system property that makes Spring use the AOT code (Spring's {@code AotDetector}). */
    public static final String AOT_ENABLED = "spring.aot.enabled";

    /**
     * A setting that decides which beans exist: present anywhere under {@code name}, or equal to {@code value}, or (with
     * {@code blankIsUnset}) this very property with a value that is not blank.
     */
    record Setting(String name, String value, boolean blankIsUnset) {

        static Setting anyUnder(String name) {
            return new Setting(name, null, false);
        }

        static Setting equalTo(String name, String value) {
            return new Setting(name, value, false);
        }

        /** For a setting whose blank value the services treat as no setting at all. */
        static Setting notBlank(String name) {
            return new Setting(name, null, true);
        }

        boolean isSetIn(Iterable<ConfigurationPropertySource> sources) {
            ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
            for (ConfigurationPropertySource source : sources) {
                ConfigurationProperty property = source.getConfigurationProperty(key);
                if (property != null) {
                    String set = String.valueOf(property.getValue()).trim();
                    return blankIsUnset ? !set.isEmpty() : value == null || value.equalsIgnoreCase(set);
                }
                if (value == null && !blankIsUnset
                        && source.containsDescendantOf(key) == ConfigurationPropertyState.PRESENT) {
                    return true;
                }
            }
            return false;
        }
    }

    static final List<Setting> SETTINGS = List.of(
            Setting.anyUnder("spring.security.oauth2.resourceserver"),
            Setting.anyUnder("spring.security.oauth2.client"),
            Setting.anyUnder("management.opentelemetry.tracing.export"),
            Setting.anyUnder("management.tracing.export"),
            Setting.anyUnder("management.tracing.enabled"),
            // Blank, as compose passes them when unset: funnel-service has no mail and no alert delivery either way.
            Setting.notBlank("spring.mail.host"),
            Setting.anyUnder("spring.mail.jndi-name"),
            Setting.notBlank("entente.funnel.alerts.routes[0].organization"),
            Setting.equalTo("server.forward-headers-strategy", "framework"),
            Setting.anyUnder("spring.autoconfigure.exclude"));

    private final Log log;

    public SpringAotFallback(DeferredLogFactory logs) {
        this.log = logs.getLog(SpringAotFallback.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Optional<Setting> set = firstSet(environment);
        if (set.isEmpty()) {
            return;
        }
        String name = set.get().name() + (set.get().value() == null ? "" : "=" + set.get().value());
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            throw new IllegalStateException(name + " is set while Spring AOT works out the beans at build time:"
                    + " the AOT code would assume it in every deployment. Build without it.");
        }
        if (Boolean.getBoolean(AOT_ENABLED)) {
            // Read by Spring Boot when it makes the application context, which has not happened yet.
            System.setProperty(AOT_ENABLED, "false");
            log.info("Not using the Spring AOT code for this start: " + name + " is set, and it decides which beans"
                    + " exist (the AOT code was made without it); every condition is evaluated as usual");
        }
    }

    /** The first of {@link #SETTINGS} that the environment sets, if any. */
    static Optional<Setting> firstSet(ConfigurableEnvironment environment) {
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        return SETTINGS.stream().filter(setting -> setting.isSetIn(sources)).findFirst();
    }

    /** After the configuration files and every other post-processor have added their properties. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
