package org.entente.funnel.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods the targets page offers to pick from: the quarters from last year's first to next year's last, and the
 * months from three back to twelve ahead, labelled as {@code Period} parses them. Anything else can be typed.
 */
final class PeriodChoices {

    private PeriodChoices() {
    }

    static List<String> around(LocalDate today) {
        List<String> choices = new ArrayList<>();
        for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                choices.add(year + "-Q" + quarter);
            }
        }
        YearMonth month = YearMonth.from(today);
        for (int offset = -3; offset <= 12; offset++) {
            choices.add(month.plusMonths(offset).toString());
        }
        return choices;
    }
}
