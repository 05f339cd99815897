package org.entente.survey.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.entente.schemas.Topics;
import org.entente.support.topics.ServiceTopics;
import org.entente.support.topics.TopicCreation;
import org.entente.support.tracing.CurrentTraceInterceptor;
import org.entente.support.tracing.RecordTracer;
import org.entente.survey.domain.LabelSeal;
import org.entente.survey.stream.AssessmentService;
import org.entente.survey.stream.EventPublisher;
import org.entente.survey.stream.InvitationLog;
import org.entente.survey.stream.InvitationService;
import org.entente.survey.stream.ResponseIntake;
import org.entente.survey.stream.StateReader;
import org.entente.survey.stream.SurveyState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Spring wiring of survey-service: the topics it creates, an idempotent acks=all producer, the reader that
 * rebuilds the state from Kafka at start, the health check that waits for it, and the automatic closing.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class SurveyConfig {

    /** Every topic the service reads or writes (it writes no dead letters: it checks what it publishes first). */
    @Bean
    ServiceTopics surveyTopics() {
        return ServiceTopics.of(Topics.ASSESSMENTS, Topics.RESPONSES, Topics.STAGES)
                .andInternal(InvitationLog.TOPIC, InvitationLog.TOPIC_CONFIG);
    }

    @Bean
    ProducerFactory<String, byte[]> surveyProducerFactory(KafkaProperties kafka,
            ObjectProvider<MeterRegistry> meterRegistry) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        // A response acknowledged to a client must be on every in-sync replica, exactly once.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15000);
        var factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        // The producer's own metrics (sends, errors, latency) on /actuator/prometheus, as Boot does for its own.
        meterRegistry.ifAvailable(registry -> factory.addListener(new MicrometerProducerListener<>(registry)));
        return factory;
    }

    @Bean
    KafkaTemplate<String, byte[]> surveyKafkaTemplate(ProducerFactory<String, byte[]> producerFactory,
            RecordTracer recordTracer) {
        var template = new KafkaTemplate<>(producerFactory);
        // each message carries the HTTP request's trace (W3C traceparent)
        template.setProducerInterceptor(new CurrentTraceInterceptor<>(recordTracer));
        return template;
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> template,
            @Value("${entente.survey.publish-timeout:20s}") Duration timeout) {
        return new EventPublisher(template, timeout);
    }

    /** Ticks in milliseconds, the precision of the events' timestamps. */
    @Bean
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    @Bean
    SurveyState surveyState(LabelSeal labelSeal) {
        return new SurveyState(labelSeal);
    }

    @Bean
    StateReader stateReader(KafkaProperties kafka, SurveyState state, TopicCreation topics) {
        StateReader reader = new StateReader(kafka.buildConsumerProperties(), state.handlers(), topics::createMissing);
        state.completeWhen(reader::isCaughtUp);
        return reader;
    }

    /** UP only once the state has been read back from Kafka: before that the service would answer wrongly. */
    @Bean
    HealthIndicator surveyStateHealthIndicator(SurveyState state) {
        return () -> state.isReady() ? Health.up().build()
                : Health.outOfService().withDetail("reason", "reading the survey state from Kafka").build();
    }

    @Bean
    AssessmentService assessmentService(SurveyState state, EventPublisher publisher, Clock clock) {
        return new AssessmentService(state, publisher, clock);
    }

    @Bean
    ResponseIntake responseIntake(SurveyState state, EventPublisher publisher, Clock clock) {
        return new ResponseIntake(state, publisher, clock);
    }

    @Bean
    InvitationService invitationService(SurveyState state, EventPublisher publisher, ResponseIntake intake,
            Clock clock) {
        return new InvitationService(state, publisher, intake, clock);
    }

    @Bean
    AutoClose autoClose(AssessmentService assessments) {
        return new AutoClose(assessments);
    }

    /** Closes assessments whose closing time has passed, checking every few seconds. */
    static final class AutoClose {
        private final AssessmentService assessments;

        AutoClose(AssessmentService assessments) {
            this.assessments = assessments;
        }

        @Scheduled(fixedDelayString = "${entente.survey.close-check-interval-ms:2000}")
        void closeDue() {
            assessments.closeDue();
        }
    }
}
