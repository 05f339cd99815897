package org.entente.local;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.TopicExistsException;
import org.entente.schemas.Topics;

/**
 * What a running broker is given before the services start: the Kafka logins and their ACLs (with SASL), and every
 * topic of the contract with its dead-letter topic. Both are done at every start and leave what is already right
 * as it is. The grants themselves are {@link KafkaAccess}'s.
 */
final class KafkaSetup {

    private KafkaSetup() {
    }

    /**
     * Sets the services' and the integration's Kafka logins (made or changed to the kept passwords; logins the
     * stack no longer has, like the one shared login of earlier versions, are removed), then makes the broker's ACLs
     * exactly {@link KafkaAccess#all()}: missing grants are created, any other grant is deleted. Done at every
     * start as the super user, so a changed password or table takes effect without a new broker folder.
     */
    static void grantAccess(StackSettings settings) {
        long started = System.nanoTime();
        String node = settings.secrets().brokerLogin().name();
        List<ScramUsers.User> logins = settings.secrets().kafkaLogins();
        try (Admin admin = settings.admin()) {
            List<UserScramCredentialAlteration> alterations = new ArrayList<>();
            for (ScramUsers.User login : logins) {
                alterations.add(new UserScramCredentialUpsertion(login.name(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ScramUsers.ITERATIONS), login.password()));
            }
            Set<String> wanted = new HashSet<>(logins.stream().map(ScramUsers.User::name).toList());
            wanted.add(node);
            for (UserScramCredentialsDescription known : admin.describeUserScramCredentials().all()
                    .get(30, TimeUnit.SECONDS).values()) {
                if (!wanted.contains(known.name())) {
                    known.credentialInfos().forEach(info -> alterations.add(
                            new UserScramCredentialDeletion(known.name(), info.mechanism())));
                }
            }
            admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);

            Set<AclBinding> desired = new LinkedHashSet<>(KafkaAccess.all());
            Collection<AclBinding> present = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
            List<AclBindingFilter> stale = present.stream().filter(b -> !desired.contains(b))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
            }
            desired.removeAll(present);
            if (!desired.isEmpty()) {
                admin.createAcls(desired).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("could not set the Kafka logins and their ACLs: " + e.getMessage()
                    + " (broker log: " + settings.logFile(LocalStack.BROKER) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while setting the Kafka logins", e);
        }
        settings.out().println("  Kafka logins ready: " + logins.size() + " with their ACLs ("
                + KafkaAccess.all().size() + " grants), " + node + " is the super user (" + LocalStack.since(started) + ")");
    }

    static void createTopics(StackSettings settings) {
        long started = System.nanoTime();
        List<NewTopic> topics = Topics.withDeadLetters(settings.partitions(), (short) 1, Topics.ALL);
        try (Admin admin = settings.admin()) {
            var results = admin.createTopics(topics).values();
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new LocalStackException("could not create topic " + result.getKey() + ": "
                                + e.getCause().getMessage() + " (broker log: " + settings.logFile(LocalStack.BROKER)
                                + ")", e);
                    }
                } catch (TimeoutException e) {
                    throw new LocalStackException("the broker did not create topic " + result.getKey()
                            + " within 30 s (broker log: " + settings.logFile(LocalStack.BROKER) + ")", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("interrupted while creating topics", e);
                }
            }
        }
        settings.out().println("  topics ready: " + Topics.ALL.size() + " topics and their dead-letter topics, "
                + settings.partitions() + " partitions each (" + LocalStack.since(started) + ")");
    }
}
