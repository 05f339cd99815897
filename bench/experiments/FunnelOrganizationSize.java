import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.entente.events.FunnelEvent;
import org.entente.events.FunnelEventType;
import org.entente.events.FunnelMetrics;
import org.entente.events.FunnelStep;
import org.entente.events.Team;
import org.entente.funnel.domain.FunnelMetricsCalculator;
import org.entente.funnel.domain.FunnelTally;
import org.entente.funnel.domain.LeadEvent;
import org.entente.funnel.domain.LeadHistory;
import org.entente.funnel.domain.LeadSummary;
import org.entente.funnel.domain.TopAccounts;

/**
 * What funnel-service's organization step costs per commit interval as an organization grows: the all-time metrics
 * and top ten accounts of one organization of N leads, after 10 of its leads changed (by one event), brought up to
 * date as running totals (FunnelTally and TopAccounts, what the step does) against computed again from every lead's
 * summary (FunnelMetricsCalculator.compute and TopAccounts.of over all of them, what the step did before), in the same
 * JVM, alternating. Only the domain classes: no Kafka, no stores (replaying the changed leads' histories is the same
 * work either way and is left out).
 *
 * Run from the repository root after a build (the JVM options are the bench's service options):
 *   ./mvnw -B -q -o -pl funnel-service dependency:build-classpath -Dmdep.outputFile=/tmp/funnel-cp.txt
 *   java -Xms64m -Xmx256m -Xmn40m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
 *     -cp funnel-service/target/classes:$(cat /tmp/funnel-cp.txt) bench/experiments/FunnelOrganizationSize.java
 */
public class FunnelOrganizationSize {

    private static final Duration SLA = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final int CHANGED_PER_INTERVAL = 10;
    private static final int TOP = 10;

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[] {50, 1_000, 10_000, 50_000};
        System.out.println("| leads in the organization | running totals: ms per interval | from every lead: ms per interval | ratio | memory the totals keep, bytes per lead |");
        System.out.println("|---|---|---|---|---|");
        for (int size : sizes) {
            Organization org = new Organization(size, new Random(size));
            // warm both ways up, then alternate rounds of each
            int intervals = Math.max(20, 2_000_000 / size);
            org.timeRunningTotals(intervals);
            org.timeFromScratch(Math.max(5, intervals / 10));
            List<Double> running = new ArrayList<>();
            List<Double> scratch = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                running.add(org.timeRunningTotals(intervals));
                scratch.add(org.timeFromScratch(Math.max(5, intervals / 10)));
            }
            org.check();
            double r = median(running);
            double s = median(scratch);
            // below ten thousand leads the totals' memory is lost in the heap's own noise
            String memory = size < 10_000 ? "–" : String.format(Locale.ROOT, "%.0f", org.bytesPerLeadOfTotals());
            System.out.printf(Locale.ROOT, "| %,d | %.4f (%s) | %.3f (%s) | %.0f× | %s |%n", size, r,
                    range(running), s, range(scratch), s / r, memory);
        }
    }

    /**
     * One organization: each lead in two states (its history of four events, and of five), the summary it has now,
     * the running totals over them. A change moves a lead to its other state.
     */
    private static final class Organization {

        private final Random random;
        private final LeadSummary[][] states;
        private final boolean[] later;
        private final Map<String, LeadSummary> summaries = new HashMap<>();
        private final FunnelTally tally = new FunnelTally();
        private final TopAccounts accounts = new TopAccounts();
        private final int size;
        private int events;
        /** Keeps the results alive, so no work is optimized away. */
        private long sink;

        Organization(int size, Random random) {
            this.size = size;
            this.random = random;
            this.states = new LeadSummary[size][];
            this.later = new boolean[size];
            for (int i = 0; i < size; i++) {
                String leadId = "L" + i;
                LeadHistory history = LeadHistory.empty("acme", leadId);
                for (int e = 0; e < 4; e++) {
                    history = history.with(event(leadId));
                }
                LeadSummary first = history.summarize(SLA).withoutHistory();
                states[i] = new LeadSummary[] {first, history.with(event(leadId)).summarize(SLA).withoutHistory()};
                summaries.put(leadId, first);
                tally.add(first);
                accounts.add(first);
            }
        }

        /** The changed leads' new summaries, as the lead step hands them over. */
        private List<LeadSummary> change() {
            List<LeadSummary> changed = new ArrayList<>();
            for (int i = 0; i < CHANGED_PER_INTERVAL; i++) {
                int lead = random.nextInt(size);
                later[lead] = !later[lead];
                changed.add(states[lead][later[lead] ? 1 : 0]);
            }
            return changed;
        }

        /** Takes a changed lead's new summary, and its part in the running totals in place of the previous one. */
        private void replace(LeadSummary lead) {
            LeadSummary previous = summaries.put(lead.leadId(), lead);
            tally.replace(previous, lead);
            accounts.replace(previous, lead);
        }

        /** Milliseconds per interval of bringing the totals up to date and reading the metrics and the top. */
        double timeRunningTotals(int intervals) {
            long spent = 0;
            for (int i = 0; i < intervals; i++) {
                List<LeadSummary> changed = change();
                long start = System.nanoTime();
                changed.forEach(this::replace);
                sink += tally.metrics("acme").getHandoffs() + accounts.top(TOP).size();
                spent += System.nanoTime() - start;
            }
            return spent / 1e6 / intervals;
        }

        /**
         * Milliseconds per interval of counting the metrics and the top from every lead's summary. The running totals
         * are kept true for the next round before the clock starts.
         */
        double timeFromScratch(int intervals) {
            long spent = 0;
            for (int i = 0; i < intervals; i++) {
                change().forEach(this::replace);
                long start = System.nanoTime();
                List<LeadSummary> all = List.copyOf(summaries.values());
                FunnelMetrics metrics = FunnelMetricsCalculator.compute("acme", all);
                sink += metrics.getHandoffs() + TopAccounts.of(all, TOP).size();
                spent += System.nanoTime() - start;
            }
            return spent / 1e6 / intervals;
        }

        /** The heap a second set of running totals over the same summaries keeps, per lead (after a full GC). */
        double bytesPerLeadOfTotals() {
            long before = usedAfterGc();
            FunnelTally more = new FunnelTally();
            TopAccounts moreAccounts = new TopAccounts();
            summaries.values().forEach(more::add);
            summaries.values().forEach(moreAccounts::add);
            long after = usedAfterGc();
            sink += more.metrics("acme").getHandoffs() + moreAccounts.top(1).size();
            return (after - before) / (double) size;
        }

        private static long usedAfterGc() {
            Runtime runtime = Runtime.getRuntime();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return runtime.totalMemory() - runtime.freeMemory();
        }

        /** Both ways must give the same answer, or the timing compares different work. */
        void check() {
            List<LeadSummary> all = List.copyOf(summaries.values());
            if (!tally.metrics("acme").equals(FunnelMetricsCalculator.compute("acme", all))
                    || !accounts.top(TOP).equals(TopAccounts.of(all, TOP)) || sink == 42) {
                throw new IllegalStateException("the running totals differ from a count from scratch");
            }
        }

        private LeadEvent event(String leadId) {
            Instant at = T0.plus(Duration.ofMinutes(random.nextInt(200_000)));
            int kind = random.nextInt(10);
            FunnelEvent.Builder event = FunnelEvent.newBuilder().setEventId("e" + events++).setOrganization("acme")
                    .setLeadId(leadId).setActor("someone").setOccurredAt(at);
            switch (kind) {
                case 0, 1, 2 -> event.setType(FunnelEventType.STAGE_ENTERED)
                        .setStep(FunnelStep.values()[random.nextInt(4)]).setTeam(Team.MARKETING);
                case 3 -> event.setType(FunnelEventType.HANDED_OFF).setTeam(Team.MARKETING);
                case 4 -> event.setType(FunnelEventType.ACCEPTED).setTeam(Team.SALES);
                case 5 -> event.setType(FunnelEventType.REJECTED).setTeam(Team.SALES).setReason("no budget");
                case 6, 7 -> event.setType(FunnelEventType.STAGE_ENTERED).setStep(FunnelStep.PURCHASE_INTENTION)
                        .setTeam(Team.SALES).setAccountId("ACC-" + random.nextInt(Math.max(1, size / 3)))
                        .setAmountCents(1_000L * (1 + random.nextInt(500)));
                case 8 -> event.setType(FunnelEventType.WON).setTeam(Team.SALES)
                        .setAccountId("ACC-" + random.nextInt(Math.max(1, size / 3)))
                        .setAmountCents(1_000L * (1 + random.nextInt(500))).setGrossProfitCents(200L);
                default -> event.setType(FunnelEventType.LOST).setTeam(Team.SALES);
            }
            return LeadEvent.from(event.build());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String range(List<Double> values) {
        return String.format(Locale.ROOT, "%.4f–%.4f", values.stream().mapToDouble(d -> d).min().orElseThrow(),
                values.stream().mapToDouble(d -> d).max().orElseThrow());
    }
}
