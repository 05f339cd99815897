package org.entente.funnel.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.entente.funnel.domain.Period;

/**
 * Reads the period parameters of a metrics request: {@code period} (a quarter {@code 2026-Q4} or a month
 * {@code 2026-11}) or {@code from} and {@code to} (ISO dates, both days included), or none for all time. Refuses
 * anything else with a {@link RequestRejectedException} naming the fields at fault.
 */
final class PeriodQuery {

    private PeriodQuery() {
    }

    /** The period asked for, or null when the request asks for all time. */
    static Period parse(String period, String from, String to) {
        Map<String, String> fields = new LinkedHashMap<>();
        Period asked = null;
        if (present(period)) {
            if (present(from) || present(to)) {
                fields.put("period", "give either period or from and to, not both");
            } else {
                try {
                    asked = Period.parse(period);
                } catch (IllegalArgumentException e) {
                    fields.put("period", e.getMessage());
                }
            }
        } else if (present(from) || present(to)) {
            LocalDate first = date(fields, "from", from);
            LocalDate last = date(fields, "to", to);
            if (first != null && last != null) {
                try {
                    asked = Period.days(first, last);
                } catch (IllegalArgumentException e) {
                    fields.put("to", e.getMessage());
                }
            }
        }
        if (!fields.isEmpty()) {
            throw new RequestRejectedException("invalid period: " + String.join("; ", fields.values()), fields);
        }
        return asked;
    }

    private static LocalDate date(Map<String, String> fields, String field, String value) {
        if (!present(value)) {
            fields.put(field, field + " is required with " + (field.equals("from") ? "to" : "from"));
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            fields.put(field, "'" + value + "' is not an ISO date like 2026-10-01");
            return null;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
