package org.entente.funnel.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An organization's top accounts by open opportunity amount: for each account (a lead without one is its own
 * account), the sum of the latest amounts of its open leads (neither won nor lost), largest first, ties by account
 * id. The rule of engagement "invite Marketing to the reviews of the top ten accounts" fires for each account that
 * enters them. An account with no open amount is never among them.
 *
 * <p>Kept as running totals, like {@link FunnelTally}: a lead is added, and taken back before its next summary is
 * added, at O(log n) each; the top is read from the accounts kept in order, so asking for the top ten costs the ten
 * accounts, not the organization.
 */
public final class TopAccounts {

    /** One account among the top: its open amount and its largest open opportunity. */
    public record Account(String accountId, long openAmountCents, String leadId) {
    }

    /** Largest open amount first, then by account id. */
    private static final Comparator<Ranked> ORDER = Comparator.comparingLong(Ranked::openAmountCents).reversed()
            .thenComparing(Ranked::accountId);

    private record Ranked(String accountId, long openAmountCents) {
    }

    /** Each account with an open amount: its open leads' amounts by leadId (sorted, so ties go to the first id). */
    private final Map<String, TreeMap<String, Long>> openLeads = new HashMap<>();
    private final TreeSet<Ranked> ranked = new TreeSet<>(ORDER);
    private final Map<String, Ranked> rankOf = new HashMap<>();

    public static List<Account> of(Collection<LeadSummary> leads, int size) {
        TopAccounts accounts = new TopAccounts();
        leads.forEach(accounts::add);
        return accounts.top(size);
    }

    /** The accounts of {@code now} that were not among {@code before}. */
    public static List<Account> entered(List<Account> before, List<Account> now) {
        Set<String> known = before.stream().map(Account::accountId).collect(Collectors.toSet());
        return now.stream().filter(a -> !known.contains(a.accountId())).toList();
    }

    /** Counts a lead's open amount, if it has one. */
    public void add(LeadSummary lead) {
        if (open(lead)) {
            TreeMap<String, Long> leads = openLeads.computeIfAbsent(lead.customerId(), a -> new TreeMap<>());
            rerank(lead.customerId(), leads.put(lead.leadId(), lead.openAmountCents()), lead.openAmountCents());
        }
    }

    /** Takes back a lead counted with {@link #add}, before its next summary is added. */
    public void remove(LeadSummary lead) {
        if (open(lead)) {
            TreeMap<String, Long> leads = openLeads.get(lead.customerId());
            Long removed = leads == null ? null : leads.remove(lead.leadId());
            if (removed == null) {
                throw new IllegalStateException("lead " + lead.leadId() + " was not counted");
            }
            if (leads.isEmpty()) {
                openLeads.remove(lead.customerId());
            }
            rerank(lead.customerId(), removed, 0);
        }
    }

    /** A lead's next summary in place of its previous one ({@code previous} null: the lead was not counted yet). */
    public void replace(LeadSummary previous, LeadSummary now) {
        if (previous != null) {
            remove(previous);
        }
        add(now);
    }

    /** The first {@code size} accounts, each with its largest open lead (ties: the first leadId). */
    public List<Account> top(int size) {
        List<Account> top = new ArrayList<>(Math.min(size, ranked.size()));
        Iterator<Ranked> it = ranked.iterator();
        while (top.size() < size && it.hasNext()) {
            Ranked account = it.next();
            Map.Entry<String, Long> largest = null;
            for (Map.Entry<String, Long> lead : openLeads.get(account.accountId()).entrySet()) {
                if (largest == null || lead.getValue() > largest.getValue()) {
                    largest = lead;
                }
            }
            top.add(new Account(account.accountId(), account.openAmountCents(), largest.getKey()));
        }
        return top;
    }

    private static boolean open(LeadSummary lead) {
        return lead.openAmountCents() != null && lead.openAmountCents() > 0;
    }

    /** The account's sum moves by {@code added} minus {@code taken} (null: nothing); its place in the order with it. */
    private void rerank(String accountId, Long taken, long added) {
        Ranked was = rankOf.remove(accountId);
        long sum = (was == null ? 0 : was.openAmountCents()) - (taken == null ? 0 : taken) + added;
        if (was != null) {
            ranked.remove(was);
        }
        if (openLeads.containsKey(accountId)) {
            Ranked now = new Ranked(accountId, sum);
            ranked.add(now);
            rankOf.put(accountId, now);
        }
    }
}
