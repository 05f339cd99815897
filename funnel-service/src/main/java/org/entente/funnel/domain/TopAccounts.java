package org.entente.funnel.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An organization's top accounts by open opportunity amount: for each account (a lead without one is its own
 * account), the sum of the latest amounts of its open leads (neither won nor lost), largest first, ties by account
 * id. The rule of engagement "invite Marketing to the reviews of the top ten accounts" fires for each account that
 * enters them. An account with no open amount is never among them.
 */
public final class TopAccounts {

    /** One account among the top: its open amount and its largest open opportunity. */
    public record Account(String accountId, long openAmountCents, String leadId) {
    }

    private TopAccounts() {
    }

    public static List<Account> of(Collection<LeadSummary> leads, int size) {
        Map<String, List<LeadSummary>> byAccount = new HashMap<>();
        leads.stream().filter(l -> l.openAmountCents() != null && l.openAmountCents() > 0)
                .forEach(l -> byAccount.computeIfAbsent(l.customerId(), a -> new java.util.ArrayList<>()).add(l));
        return byAccount.entrySet().stream()
                .map(e -> new Account(e.getKey(),
                        e.getValue().stream().mapToLong(LeadSummary::openAmountCents).sum(),
                        e.getValue().stream().max(Comparator.comparing(LeadSummary::openAmountCents)
                                .thenComparing(LeadSummary::leadId, Comparator.reverseOrder())).orElseThrow().leadId()))
                .sorted(Comparator.comparing(Account::openAmountCents).reversed().thenComparing(Account::accountId))
                .limit(size)
                .toList();
    }

    /** The accounts of {@code now} that were not among {@code before}. */
    public static List<Account> entered(List<Account> before, List<Account> now) {
        Set<String> known = before.stream().map(Account::accountId).collect(Collectors.toSet());
        return now.stream().filter(a -> !known.contains(a.accountId())).toList();
    }
}
