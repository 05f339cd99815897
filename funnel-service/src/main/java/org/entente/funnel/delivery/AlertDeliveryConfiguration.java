package org.entente.funnel.delivery;

import org.entente.support.topics.ServiceTopics;
import org.entente.support.topics.TopicCreation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Spring wiring of alert delivery: on only when a route names an organization
 * ({@code entente.funnel.alerts.routes[0].organization}); then it declares the delivered-log topic (created with the
 * service's other topics) and starts {@link AlertDelivery}. Mail goes through Spring Boot's {@link JavaMailSender},
 * there when {@code spring.mail.host} (or {@code spring.mail.jndi-name}) names one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertDeliveryProperties.class)
@ConditionalOnExpression("'${entente.funnel.alerts.routes[0].organization:}' != ''")
public class AlertDeliveryConfiguration {

    @Bean
    ServiceTopics alertDeliveryTopics() {
        return ServiceTopics.of().andInternal(DeliveredLog.TOPIC, DeliveredLog.TOPIC_CONFIG);
    }

    @Bean
    AlertDelivery alertDelivery(AlertDeliveryProperties properties, KafkaProperties kafka,
            ObjectProvider<JavaMailSender> mail, TopicCreation topics, Environment environment) {
        ChannelSender sender = new ChannelSender(smtp(mail.getIfAvailable(), environment), properties.mailFrom());
        return new AlertDelivery(properties, sender, kafka.buildConsumerProperties(),
                kafka.buildProducerProperties(), topics::createMissing);
    }

    /**
     * The mail sender, or none when no SMTP server is named: Spring Boot makes a sender for a blank
     * {@code spring.mail.host} too (a compose file passes an unset variable as a blank one), which could only fail at
     * each mail; without one, a mail channel is refused with the reason at once. The Spring AOT code, made without a
     * mail host, has no sender at all: the same outcome.
     */
    static JavaMailSender smtp(JavaMailSender sender, Environment environment) {
        boolean named = !environment.getProperty("spring.mail.host", "").isBlank()
                || !environment.getProperty("spring.mail.jndi-name", "").isBlank();
        return named ? sender : null;
    }
}
