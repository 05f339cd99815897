package org.entente.funnel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A blank SMTP host, as a compose file passes an unset {@code SPRING_MAIL_HOST}, is no SMTP server: the sender Spring
 * Boot made for it is not used, just as the Spring AOT code (made without a host) has none.
 */
class AlertDeliveryConfigurationTest {

    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

    @Test
    void aBlankHostIsNoSmtpServer() {
        assertThat(AlertDeliveryConfiguration.smtp(sender, environment(Map.of("spring.mail.host", "")))).isNull();
        assertThat(AlertDeliveryConfiguration.smtp(sender, environment(Map.of("spring.mail.host", "  ")))).isNull();
        assertThat(AlertDeliveryConfiguration.smtp(null, environment(Map.of()))).isNull();
    }

    @Test
    void aNamedHostOrJndiSessionIsUsed() {
        assertThat(AlertDeliveryConfiguration.smtp(sender, environment(Map.of("spring.mail.host", "smtp.example.com"))))
                .isSameAs(sender);
        assertThat(AlertDeliveryConfiguration.smtp(sender, environment(Map.of("spring.mail.host", "",
                "spring.mail.jndi-name", "mail/Session")))).isSameAs(sender);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(properties)));
        return environment;
    }
}
