package org.entente.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The processes one stack started (the broker, its services, extra instances) and whether it is being stopped;
 * safe to use from a shutdown hook while the start is still going on. A process is only started while the stack is
 * not stopping ({@link #launch}), so that none outlives a stop. It does not restart a process that dies.
 */
final class StackProcesses {

    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Object lock = new Object();
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class); // guarded by lock
    private final List<ManagedProcess> extras = new ArrayList<>(); // guarded by lock
    private ManagedProcess broker; // guarded by lock
    private boolean started; // guarded by lock
    private boolean stopped; // guarded by lock

    /** Refuses a second start of the same stack. */
    void markStarted() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("a LocalStack starts once; build another one to start again");
            }
            started = true;
        }
    }

    ManagedProcess launchBroker(Supplier<ManagedProcess> starter) {
        synchronized (lock) {
            checkNotStopped();
            broker = starter.get();
            return broker;
        }
    }

    ManagedProcess launchService(Service service, Supplier<ManagedProcess> starter) {
        synchronized (lock) {
            checkNotStopped();
            ManagedProcess process = starter.get();
            services.put(service, process);
            return process;
        }
    }

    ManagedProcess launchExtra(Supplier<ManagedProcess> starter) {
        synchronized (lock) {
            checkNotStopped();
            ManagedProcess process = starter.get();
            extras.add(process);
            return process;
        }
    }

    void checkNotStopped() {
        synchronized (lock) {
            if (stopped) {
                throw new LocalStackException("the stack was stopped while starting");
            }
        }
    }

    boolean isStopping() {
        synchronized (lock) {
            return stopped;
        }
    }

    ManagedProcess service(Service service) {
        synchronized (lock) {
            return services.get(service);
        }
    }

    /** The pids of the broker and the services that are still running, by process name. */
    Map<String, Long> livePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        synchronized (lock) {
            if (broker != null && broker.isAlive()) {
                pids.put(LocalStack.BROKER, broker.pid());
            }
            services.values().stream().filter(ManagedProcess::isAlive).forEach(s -> pids.put(s.name(), s.pid()));
        }
        return pids;
    }

    /** The broker and the services that are no longer running. */
    List<ManagedProcess> dead() {
        List<ManagedProcess> dead = new ArrayList<>();
        synchronized (lock) {
            if (broker != null && !broker.isAlive()) {
                dead.add(broker);
            }
            services.values().stream().filter(s -> !s.isAlive()).forEach(dead::add);
        }
        return dead;
    }

    /**
     * Marks the stack as stopping, then stops the services and extras (all at once, waiting for each), then the
     * broker, forgetting each one's pid record.
     */
    void stopAll(PrintStream out, RunFolder runFolder) {
        List<ManagedProcess> runningServices;
        ManagedProcess runningBroker;
        synchronized (lock) {
            stopped = true;
            List<ManagedProcess> all = new ArrayList<>(extras);
            all.addAll(services.values());
            runningServices = List.copyOf(all);
            runningBroker = broker;
        }
        for (ManagedProcess service : runningServices) {
            if (service.isAlive()) {
                out.println("Stopping " + service.name() + " (pid " + service.pid() + ")");
                service.requestStop();
            }
        }
        for (ManagedProcess service : runningServices) {
            service.awaitExit(STOP_GRACE);
            runFolder.forget(service.name());
        }
        if (runningBroker != null) {
            if (runningBroker.isAlive()) {
                out.println("Stopping the Kafka broker (pid " + runningBroker.pid() + ")");
                runningBroker.requestStop();
            }
            runningBroker.awaitExit(STOP_GRACE);
            runFolder.forget(LocalStack.BROKER);
        }
    }
}
