package org.entente.funnel.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.entente.events.FunnelEventType;
import org.entente.events.Team;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static LeadEvent event(String leadId, String accountId, String actor, String reason) {
        return new LeadEvent("e-1", "acme", leadId, accountId, FunnelEventType.REJECTED, null, Team.SALES, actor, null,
                null, reason, Instant.parse("2026-11-02T09:00:00Z"), null);
    }

    @Test
    void emailAddressesAreFoundWhereverTheyStand() {
        assertThat(PersonalData.containsEmailAddress("jane.doe@example.com")).isTrue();
        assertThat(PersonalData.containsEmailAddress("lead of Jane <jane+crm@mail.example.co.uk>")).isTrue();
        assertThat(PersonalData.containsEmailAddress("JOHN_SMITH@EXAMPLE.ORG")).isTrue();
    }

    @Test
    void idsAndHandlesAreNotEmailAddresses() {
        assertThat(PersonalData.containsEmailAddress("L-101")).isFalse();
        assertThat(PersonalData.containsEmailAddress("maria.marketing")).isFalse();
        assertThat(PersonalData.containsEmailAddress("crm:lead/00Q5e000004xYz")).isFalse();
        assertThat(PersonalData.containsEmailAddress("Company too small for field sales")).isFalse();
        assertThat(PersonalData.containsEmailAddress(null)).isFalse();
    }

    @Test
    void eachFieldHoldingAnAddressIsNamed() {
        var violations = PersonalData.check(event("jane@example.com", "ACC-1", "sam@sales.example.com",
                "asked to write to buyer@example.com instead"));

        assertThat(violations).extracting(Violation::field).containsExactly("leadId", "actor", "reason");
        assertThat(violations).allSatisfy(v -> {
            assertThat(v.code()).isEqualTo("PERSONAL_DATA");
            assertThat(v.message()).contains("must not contain an email address");
        });
        assertThat(PersonalData.check(event("L-1", "ACC-1", "sam.sales", "budget"))).isEmpty();
    }
}
