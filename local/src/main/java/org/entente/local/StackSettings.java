package org.entente.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.entente.security.kafka.KafkaClientSecurity;

/**
 * How one stack was asked to run ({@code serviceJava}: the Java runtime of the services; {@code classDataSharing}:
 * the folder of the services' CDS archives or AOT caches, null for none), fixed when {@link LocalStack.Builder#build()} makes it (see the builder for what
 * each setting means), and the names that follow from it: where its logs, data and jars are, its bootstrap
 * servers, a Kafka client's settings. Holds no running state.
 */
record StackSettings(Path repository, Path home, int brokerPort, int controllerPort,
        Map<Service, Integer> servicePorts, Set<Service> services, String brokerClasspath,
        List<String> serviceJvmOptions, Duration startTimeout, int partitions, PrintStream out, StackSecrets secrets,
        boolean saslKafka, ServiceJava serviceJava, Path classDataSharing) {

    StackSettings {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        ports.putAll(servicePorts);
        servicePorts = ports;
        services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    int port(Service service) {
        return servicePorts.get(service);
    }

    Path logFile(String processName) {
        return home.resolve("logs").resolve(processName + ".log");
    }

    /** Where the broker keeps its data. */
    Path kafkaDataDir() {
        return home.resolve("kafka");
    }

    /**
     * One service's JVM options: {@link SpringAot#ENABLED} when its jar holds Spring AOT code, then the stack's (so
     * {@code -Dspring.aot.enabled=false} among them wins).
     */
    List<String> serviceJvmOptions(Service service) {
        List<String> options = new ArrayList<>(SpringAot.jvmOptions(jar(service)));
        options.addAll(serviceJvmOptions);
        return options;
    }

    /** The service's built jar, {@code <module>/target/<module>.jar} of the repository. */
    Path jar(Service service) {
        return repository.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
    }

    /** The bootstrap servers and, when {@code login} is given, its SASL settings (the services' own variables). */
    Map<String, Object> kafkaClientConfig(ScramUsers.User login) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (login != null) {
            config.putAll(KafkaClientSecurity.fromEnvironment(StackSecrets.kafkaEnvironment(login)));
        }
        return config;
    }

    /** An administrator's client (the broker's own login with SASL), quick to give up while the broker starts. */
    Admin admin() {
        Map<String, Object> config = kafkaClientConfig(saslKafka ? secrets.brokerLogin() : null);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(config);
    }
}
