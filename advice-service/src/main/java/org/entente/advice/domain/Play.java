package org.entente.advice.domain;

import java.util.List;
import org.entente.rules.Stage;

/**
 * One action of the playbook: its contract id, the move it serves, who owns it, the statements whose weakness
 * motivates it, and what to do this quarter.
 */
public record Play(String id, String title, Stage from, Stage to, Owner owner, List<Integer> motivatedBy,
        String explanation) {

    public Play {
        motivatedBy = List.copyOf(motivatedBy);
    }

    /** The transition as the contract spells it, such as {@code DEFINED->ALIGNED}. */
    public String transition() {
        return from.name() + "->" + to.name();
    }
}
