package org.entente.support.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gathers an answer that no single instance holds (a list across keys that live on several instances): this
 * instance's own part, and each other instance's part asked for with {@link OwnerRelay#ask} (a relayed request, which
 * every instance answers with what it holds). An instance that does not answer is named in
 * {@link Gathered#missing()} rather than failing the whole answer, so a page can show what it has and say what is
 * missing.
 */
public final class EveryInstance {

    /** What the instances answered, and the instances that did not. */
    public record Gathered<T>(List<T> items, List<String> missing) {
        public boolean complete() {
            return missing.isEmpty();
        }
    }

    private final OwnerLookup owners;
    private final OwnerRelay relay;

    public EveryInstance(OwnerLookup owners, OwnerRelay relay) {
        this.owners = owners;
        this.relay = relay;
    }

    /**
     * @param store the store whose holders are asked
     * @param pathAndQuery what to ask the others (encoded); they answer it with their own part
     * @param local this instance's own part
     * @param parse reads another instance's answer
     * @throws RelayProblem (503) while it cannot be told which instances hold the store
     */
    public <T> Gathered<T> gather(String store, String pathAndQuery, Supplier<List<T>> local,
            Function<String, List<T>> parse) {
        List<T> items = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Owner holder : owners.instancesWith(store)) {
            if (holder instanceof Owner.There there) {
                try {
                    items.addAll(parse.apply(relay.ask(there.host(), pathAndQuery)));
                } catch (RuntimeException unanswered) { // a RelayProblem, or an answer that did not parse
                    missing.add(there.host().toString());
                }
            } else {
                items.addAll(local.get());
            }
        }
        return new Gathered<>(List.copyOf(items), List.copyOf(missing));
    }
}
