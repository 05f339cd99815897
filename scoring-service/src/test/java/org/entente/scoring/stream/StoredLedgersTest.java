package org.entente.scoring.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.entente.scoring.domain.AssessmentLedger;
import org.entente.scoring.domain.AssessmentTerms;
import org.entente.scoring.domain.BusinessFunction;
import org.entente.scoring.domain.KeptRespondents;
import org.entente.scoring.domain.Role;
import org.entente.scoring.domain.Submission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StoredLedgers} over a real (in-memory) store with the ledgers' serde: what it keeps decoded is only ever what
 * the store holds.
 */
class StoredLedgersTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:15:00Z");

    private KeyValueStore<String, AssessmentLedger> store;
    private StoredLedgers ledgers;

    @BeforeEach
    void open() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("ledgers"), Serdes.String(),
                StoredState.ledgers()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        ledgers = new StoredLedgers(store);
    }

    @Test
    void aLedgerPutIsTakenOnceAsItWasThenReadFromTheStore() {
        AssessmentLedger written = counted(1);
        ledgers.put("a-1", written);
        assertThat(store.get("a-1").respondentCount()).isEqualTo(1);

        assertThat(ledgers.take("a-1")).isSameAs(written);
        AssessmentLedger again = ledgers.take("a-1");
        assertThat(again).isNotSameAs(written);
        assertThat(again.respondentCount()).isEqualTo(1);
    }

    @Test
    void aLedgerChangedButNotPutBackLeavesNoTrace() {
        ledgers.put("a-1", counted(1));
        AssessmentLedger taken = ledgers.take("a-1");
        submit(taken, "s2");

        assertThat(ledgers.take("a-1").respondentCount()).as("what the store holds").isEqualTo(1);
    }

    @Test
    void aLedgerGivenBackUnchangedIsKeptAndOneForgottenIsReadAgain() {
        AssessmentLedger written = counted(1);
        ledgers.put("a-1", written);
        ledgers.giveBack("a-1", ledgers.take("a-1"));
        assertThat(ledgers.take("a-1")).isSameAs(written);

        ledgers.put("a-1", written);
        ledgers.forget();
        assertThat(ledgers.take("a-1")).isNotSameAs(written);
        assertThat(ledgers.contains("a-1")).isTrue();
        assertThat(ledgers.contains("a-2")).isFalse();
        assertThat(ledgers.take("a-2")).isNull();
    }

    private static AssessmentLedger counted(int respondents) {
        AssessmentLedger ledger = AssessmentLedger.open(new AssessmentTerms("a-1", 20, 3, false, null));
        for (int i = 1; i <= respondents; i++) {
            submit(ledger, "s" + i);
        }
        return ledger;
    }

    private static void submit(AssessmentLedger ledger, String respondent) {
        ledger.submit(new Submission("r-" + respondent, respondent, BusinessFunction.SALES, Role.STAFF,
                Collections.nCopies(20, 3), AT), new KeptRespondents());
    }
}
