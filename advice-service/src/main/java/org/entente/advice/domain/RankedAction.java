package org.entente.advice.domain;

import java.util.List;

/** A playbook action placed in the advice: its rank (1 = first) and the weight that put it there. */
public record RankedAction(Play play, int priority, double weight, List<Integer> motivatedBy) {

    public RankedAction {
        motivatedBy = List.copyOf(motivatedBy);
    }
}
