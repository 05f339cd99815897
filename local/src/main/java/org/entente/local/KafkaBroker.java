package org.entente.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.entente.security.kafka.KafkaClientSecurity;

/**
 * The local stack's Kafka broker, run as its own process: one KRaft node that is both broker and controller,
 * listening on the loopback interface only, with its data in a folder the stack owns. The folder is formatted on
 * first start and reused afterwards, so topics and messages survive a restart of the stack.
 *
 * <p>Usage: {@code java -cp entente-local.jar org.entente.local.KafkaBroker <data-dir> <port> <controller-port>}.
 * SIGTERM (or {@code ./entente down}) shuts it down cleanly. It is a development broker: one node, replication
 * factor 1; it is not meant for production.
 *
 * <p>Given SCRAM users in its environment ({@link ScramUsers}), clients must log in and the broker authorizes: the
 * client listener speaks SASL_PLAINTEXT with SCRAM-SHA-512 only, the node's own login (user 0) is written into the
 * metadata when the folder is formatted, and KRaft's {@code StandardAuthorizer} allows only what an ACL allows, but
 * everything to user 0, the super user. The node's inter-broker traffic logs in as user 0 over the client listener,
 * its controller traffic over the controller listener (127.0.0.1, SASL PLAIN with user 0 alone, since SCRAM needs
 * the metadata the controller serves). The other logins and the ACLs are the launcher's job ({@link LocalStack}).
 * Without users, it is a plain-text broker with no authorization.
 */
public final class KafkaBroker {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    /**
     * How long the broker waits before it tries again to add a partition to a transaction whose previous commit is
     * still being written. Every Streams service commits a transaction every 50-100 ms, and its first records after a
     * commit meet the markers of the commit before; Kafka's default of 20 ms then holds them, and the commit that
     * flushes them, 20 ms or more. 2 ms: funnel-service's figure 7 rose 15-26 % in three alternating pairs
     * ({@code bench/results/experiments/2026-12-06-vm-txn-backoff.md}). The compose broker sets the same.
     */
    static final String ADD_PARTITIONS_BACKOFF = "add.partitions.to.txn.retry.backoff.ms";
    static final String ADD_PARTITIONS_BACKOFF_MS = "2";

    private KafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaBroker <data-dir> <port> <controller-port>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        ScramUsers users = ScramUsers.fromEnvironment(System.getenv());
        String mismatch = users.mismatch(dataDir);
        if (mismatch != null) {
            System.err.println("The Kafka broker cannot start: " + mismatch + ".");
            System.exit(1);
        }
        Properties config = config(dataDir, Integer.parseInt(args[1]), Integer.parseInt(args[2]), users);
        formatIfNew(dataDir, users);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-broker-shutdown"));
        server.startup();
        server.awaitShutdown();
    }

    /** The broker's settings: a single combined node on 127.0.0.1, everything sized for one machine. */
    static Properties config(Path dataDir, int port, int controllerPort, ScramUsers users) {
        Properties p = config(dataDir, port, controllerPort);
        if (users.isEmpty()) {
            return p;
        }
        String listener = "SASL_PLAINTEXT";
        ScramUsers.User node = users.broker();
        p.put("listeners", listener + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", listener + "://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", listener + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", listener);
        p.put("sasl.enabled.mechanisms", ScramUsers.MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", ScramUsers.MECHANISM);
        p.put("listener.name.sasl_plaintext." + ScramUsers.MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                KafkaClientSecurity.jaasConfig(ScramUsers.MECHANISM, node.name(), node.password()));
        // The controller listener: PLAIN, knowing only the node's own login (user_<name> is the server's side).
        String plain = KafkaClientSecurity.jaasConfig("PLAIN", node.name(), node.password());
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", plain.substring(0, plain.length() - 1)
                + " user_" + node.name() + "=" + KafkaClientSecurity.quote(node.password()) + ";");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + node.name());
        return p;
    }

    static Properties config(Path dataDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "3");
        // One node: every internal topic has one replica, and fewer partitions than a cluster default start faster.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put(ADD_PARTITIONS_BACKOFF, ADD_PARTITIONS_BACKOFF_MS);
        return p;
    }

    /** Formats the data folder with a new cluster id, and the SCRAM users, unless an earlier start already did. */
    static void formatIfNew(Path dataDir, ScramUsers users) throws Exception {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(dataDir);
        ScramUsers.Prepared logins = users.prepare();
        new Formatter()
                .setScramArguments(logins.arguments())
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
        if (!users.isEmpty()) {
            logins.keep(dataDir);
        }
    }
}
