package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentLedger.Revision;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.Classification;
import org.entente.scoring.domain.RespondentEntry;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.entente.scoring.domain.Tallies;
import org.entente.scoring.domain.Tally;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The publication rule against random sequences of newcomers, respondents answering again (sometimes from the other
 * function, sometimes with an older timestamp, sometimes the very same answers), repeated responseIds, invalid
 * responses, publishing ticks and a closing with responses after it, one sequence per seed from a fixed list, so a
 * failure is reproduced by its seed. The ledger and its respondents go through their store serdes on the way, as they
 * do in the state stores.
 *
 * <p>The test keeps its own record of who answered what, and after each revision works out which respondents each
 * function's revision shows, from the published sums alone: a function shows either everyone counted now or what it
 * showed before (anything else fails). It then counts, respondent by respondent, how many changed between two
 * consecutive revisions (joined, left, or shown with other answers), never asking the ledger's own counters, and fails
 * when a function changed by fewer than the threshold but more than none. It also checks that the ledger holds nothing
 * back it could have shown, and that the final revision's held-back count is what the record says.
 */
class PublicationRuleRandomTest {

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final BusinessFunction[] FUNCTIONS = BusinessFunction.values();

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 250).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noTwoConsecutiveRevisionsDifferByFewerThanTheThreshold(long seed) {
        new Run(new Random(seed)).play();
    }

    /** One random sequence, with the test's own record of it. */
    private static final class Run {

        private final Random random;
        private final AssessmentTerms terms;
        private final int threshold;
        private final Serde<AssessmentLedger> ledgerSerde = StoredState.ledgers();
        private final Serde<RespondentEntry> respondentSerde = StoredState.respondents();
        /** The respondents store: entries kept as bytes, as in the state store. */
        private final Map<String, byte[]> store = new HashMap<>();
        private final AssessmentLedger.Respondents respondents = new AssessmentLedger.Respondents() {
            @Override
            public RespondentEntry find(String respondentId) {
                byte[] bytes = store.get(respondentId);
                return bytes == null ? null : respondentSerde.deserializer().deserialize("t", bytes);
            }

            @Override
            public void save(RespondentEntry entry) {
                store.put(entry.counted().respondentId(), respondentSerde.serializer().serialize("t", entry));
            }
        };
        private AssessmentLedger ledger;

        // the test's own record
        private final Set<String> seenResponseIds = new HashSet<>();
        private final List<Submission> sent = new ArrayList<>();
        private final Map<String, Submission> counted = new HashMap<>();
        private final Map<BusinessFunction, Map<String, Submission>> shown = new EnumMap<>(BusinessFunction.class);
        private boolean closed;
        private long revisions;
        private long clock;

        Run(Random random) {
            this.random = random;
            boolean named = random.nextInt(4) == 0;
            int asked = named ? 1 + random.nextInt(2) : 1 + random.nextInt(5);
            this.terms = new AssessmentTerms("a-random", 20, asked, named, null);
            this.threshold = terms.anonymityThreshold();
            assertThat(threshold).isEqualTo(named ? asked : Math.max(3, asked));
            this.ledger = AssessmentLedger.open(terms);
            for (BusinessFunction function : FUNCTIONS) {
                shown.put(function, Map.of());
            }
        }

        void play() {
            int steps = 100 + random.nextInt(300);
            int closeAt = random.nextInt(5) == 0 ? random.nextInt(steps) : steps;
            for (int step = 0; step < steps; step++) {
                if (step == closeAt) {
                    close();
                }
                int roll = random.nextInt(100);
                if (roll < 30) {
                    submit(newcomer());
                } else if (roll < 50 && !counted.isEmpty()) {
                    submit(again(pickCounted(), true));
                } else if (roll < 53 && !counted.isEmpty()) {
                    submit(again(pickCounted(), false));
                } else if (roll < 56 && !counted.isEmpty()) {
                    Submission earlier = pickCounted(); // a retry under a new responseId
                    submit(new Submission("retry-" + sent.size(), earlier.respondentId(), earlier.function(),
                            earlier.role(), earlier.answers(), START.plusSeconds(++clock)));
                } else if (roll < 65 && !sent.isEmpty()) {
                    submit(sent.get(random.nextInt(sent.size()))); // a repeated responseId
                } else if (roll < 70) {
                    submit(invalid());
                } else {
                    tick();
                }
                if (random.nextInt(5) == 0) {
                    ledger = ledgerSerde.deserializer().deserialize("t", ledgerSerde.serializer().serialize("t", ledger)); // as if restarted
                }
            }
            if (!closed) {
                close();
            }
        }

        private Submission newcomer() {
            String respondent = "r" + sent.size() + "-" + random.nextInt(1000);
            return submission(respondent, FUNCTIONS[random.nextInt(FUNCTIONS.length)], ++clock);
        }

        /** The same respondent again: later (counts) or with an older time (does not). */
        private Submission again(Submission earlier, boolean later) {
            BusinessFunction function = random.nextInt(5) == 0
                    ? FUNCTIONS[(earlier.function().ordinal() + 1) % FUNCTIONS.length] : earlier.function();
            long at = later ? ++clock : earlier.submittedAt().getEpochSecond() - START.getEpochSecond() - 1;
            return submission(earlier.respondentId(), function, at);
        }

        private Submission invalid() {
            Submission s = newcomer();
            return new Submission(s.responseId(), s.respondentId(), s.function(), s.role(),
                    s.answers().subList(0, 19), s.submittedAt());
        }

        private Submission submission(String respondent, BusinessFunction function, long at) {
            List<Integer> answers = new ArrayList<>(20);
            for (int i = 0; i < 20; i++) {
                answers.add(1 + random.nextInt(5));
            }
            Role role = random.nextInt(4) == 0 ? Role.HEAD : Role.STAFF;
            return new Submission("resp-" + sent.size() + "-" + random.nextLong(), respondent, function, role,
                    answers, START.plusSeconds(at));
        }

        private Submission pickCounted() {
            List<Submission> all = new ArrayList<>(counted.values());
            all.sort((a, b) -> a.respondentId().compareTo(b.respondentId()));
            return all.get(random.nextInt(all.size()));
        }

        private void submit(Submission submission) {
            sent.add(submission);
            var outcome = ledger.submit(submission, respondents);
            // the record's own rules: valid, open, not seen before, not older than what counts
            boolean valid = submission.answers().size() == 20 && !closed;
            Submission earlier = counted.get(submission.respondentId());
            boolean counts = valid && !seenResponseIds.contains(submission.responseId())
                    && (earlier == null || !submission.submittedAt().isBefore(earlier.submittedAt()));
            if (valid) {
                seenResponseIds.add(submission.responseId());
            }
            if (counts) {
                counted.put(submission.respondentId(), submission);
            }
            assertThat(outcome instanceof AssessmentLedger.Outcome.Counted).as("counts: %s", submission)
                    .isEqualTo(counts);
        }

        private void tick() {
            Optional<Revision> revision = ledger.publishChanges();
            if (revision.isPresent()) {
                assertThat(closed).as("nothing after the close but the final revision").isFalse();
                check(revision.get());
            } else if (!closed) {
                assertThat(couldShowSomethingNew()).as("the ledger holds back a change it may show").isFalse();
            }
        }

        private void close() {
            closed = true;
            ledger.close();
            Optional<Revision> last = ledger.publishFinal();
            if (last.isEmpty()) {
                assertThat(revisions).as("no final revision only when nothing was ever shown").isZero();
                assertThat(Tally.classify(terms, Tallies.of(20, counted.values()))).as("and nothing could be")
                        .isEmpty();
                return;
            }
            assertThat(last.get().isFinal()).isTrue();
            check(last.get());
            int heldBack = 0;
            for (BusinessFunction function : FUNCTIONS) {
                int left = difference(shown.get(function), countedIn(function));
                assertThat(left < threshold || countedIn(function).size() < threshold)
                        .as("%s: %d changes the final revision could have shown", function, left).isTrue();
                heldBack += left;
            }
            assertThat(last.get().heldBack()).isEqualTo(heldBack);
            assertThat(ledger.publishChanges()).isEmpty();
        }

        /** Works out which respondents the revision shows per function and checks the change since the last one. */
        private void check(Revision revision) {
            assertThat(revision.number()).isEqualTo(++revisions);
            Tallies published = ledger.published();
            assertThat(Optional.of(revision.classification())).isEqualTo(Tally.classify(terms, published))
                    .isEqualTo(ledger.classification());
            for (BusinessFunction function : FUNCTIONS) {
                Map<String, Submission> now = countedIn(function);
                Map<String, Submission> before = shown.get(function);
                Map<String, Submission> showsNow;
                if (published.sameFor(sums(now), function)) {
                    showsNow = now;
                } else if (published.sameFor(sums(before), function)) {
                    showsNow = before;
                } else {
                    fail("revision %d shows %s neither as counted nor as before", revision.number(), function);
                    return;
                }
                int changed = difference(before, showsNow);
                assertThat(changed == 0 || changed >= threshold)
                        .as("revision %d: %s changed by %d respondents, threshold %d", revision.number(), function,
                                changed, threshold)
                        .isTrue();
                shown.put(function, showsNow);
            }
        }

        /** The record's own version of the rule: could a revision that says something new be shown now? */
        private boolean couldShowSomethingNew() {
            Map<BusinessFunction, Map<String, Submission>> next = new EnumMap<>(shown);
            boolean any = false;
            for (BusinessFunction function : FUNCTIONS) {
                Map<String, Submission> now = countedIn(function);
                if (difference(shown.get(function), now) >= threshold && now.size() >= threshold) {
                    next.put(function, now);
                    any = true;
                }
            }
            Optional<Classification> would = Tally.classify(terms, takeIn(next));
            return any && would.isPresent() && !would.equals(Tally.classify(terms, takeIn(shown)));
        }

        private Tallies takeIn(Map<BusinessFunction, Map<String, Submission>> sets) {
            List<Submission> all = new ArrayList<>();
            sets.values().forEach(set -> all.addAll(set.values()));
            return Tallies.of(20, all);
        }

        private Map<String, Submission> countedIn(BusinessFunction function) {
            return counted.values().stream().filter(s -> s.function() == function)
                    .collect(Collectors.toMap(Submission::respondentId, s -> s));
        }

        private static Tallies sums(Map<String, Submission> set) {
            return Tallies.of(20, set.values());
        }

        /** How many respondents are in one set and not the other, or in both with different answers. */
        private static int difference(Map<String, Submission> a, Map<String, Submission> b) {
            Set<String> everyone = new HashSet<>(a.keySet());
            everyone.addAll(b.keySet());
            int changed = 0;
            for (String respondent : everyone) {
                Submission x = a.get(respondent);
                Submission y = b.get(respondent);
                if (x == null || y == null || !x.sameAnswers(y)) {
                    changed++;
                }
            }
            return changed;
        }
    }
}
