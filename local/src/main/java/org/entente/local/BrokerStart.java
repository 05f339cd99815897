package org.entente.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Starts the stack's KRaft broker ({@link KafkaBroker} in a JVM of its own on the services' Java runtime, with the
 * SCRAM logins in its environment when clients log in, and with class data sharing when the services have it:
 * {@link BrokerArchive}) and waits until it answers. Refuses a broker folder made with other logins.
 * Setting the logins, ACLs and topics once it answers is {@link KafkaSetup}'s job.
 */
final class BrokerStart {

    private static final List<String> BROKER_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC");

    private BrokerStart() {
    }

    static void start(StackSettings settings, StackProcesses processes, RunFolder runFolder) {
        long started = System.nanoTime();
        settings.out().println("Starting the Kafka broker on " + settings.bootstrapServers() + " (data in "
                + settings.kafkaDataDir() + ")"
                + (settings.saslKafka() ? ", clients log in with SASL SCRAM-SHA-512" : ""));
        Path log = settings.logFile(LocalStack.BROKER);
        Map<String, String> brokerEnv = settings.saslKafka() ? settings.secrets().scramUsers().environment() : Map.of();
        if (settings.saslKafka()) {
            String mismatch = settings.secrets().scramUsers().mismatch(settings.kafkaDataDir());
            if (mismatch != null) {
                throw new LocalStackException("the Kafka broker cannot start: " + mismatch + ". A formatted broker"
                        + " folder keeps the logins it was made with: put back the credentials it was made with"
                        + (settings.secrets().file() == null ? "" : " (" + settings.secrets().file() + ")")
                        + ", or, with the stack down, delete " + settings.kafkaDataDir() + " (it holds the stack's events)"
                        + " so that it is made again (./entente up --plaintext-kafka runs a broker without logins).");
            }
        }
        List<String> jvm = new ArrayList<>(BROKER_JVM);
        if (settings.classDataSharing() != null) {
            jvm.addAll(new BrokerArchive(settings.classDataSharing(), settings.serviceJava(), BROKER_JVM,
                    settings.brokerClasspath()).options());
        }
        jvm.addAll(List.of("-D" + LocalStack.LOG_CONFIG_PROPERTY + "=" + LocalStack.LOG_CONFIG,
                "-D" + LocalStack.LOG_FILE_PROPERTY + "=" + log.toAbsolutePath(), "-cp", settings.brokerClasspath()));
        ManagedProcess broker = processes.launchBroker(() -> ManagedProcess.start(settings.serviceJava(),
                LocalStack.BROKER, settings.home(), jvm,
                List.of(KafkaBroker.class.getName(), settings.kafkaDataDir().toAbsolutePath().toString(),
                        String.valueOf(settings.brokerPort()), String.valueOf(settings.controllerPort())),
                brokerEnv, log, runFolder));
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try (Admin admin = settings.admin()) {
            while (true) {
                processes.checkNotStopped();
                if (!broker.isAlive()) {
                    throw broker.failedToStart("the Kafka broker", "it exited with code " + broker.exitValue());
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw broker.failedToStart("the Kafka broker", "it did not answer within "
                                + settings.startTimeout().toSeconds() + " s");
                    }
                    LocalStack.sleep(Duration.ofMillis(300));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("interrupted while waiting for the Kafka broker", e);
                }
            }
        }
        settings.out().printf("  the Kafka broker is ready (%s)%n", LocalStack.since(started));
    }
}
