package org.entente.funnel.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of event time that metrics are counted over, from {@code from} (included) to {@code to} (excluded), in UTC.
 * It is named the way rev-ops names them: a quarter ({@code 2026-Q4}), a month ({@code 2026-11}), or two ISO dates,
 * both days included. Each period knows the one before it of the same length: the previous quarter, the previous
 * month, or the same number of days just before.
 *
 * <p>It does not yet know fiscal years that start in another month, nor time zones other than UTC.
 */
public record Period(String label, Instant from, Instant to, Kind kind) {

    /** How a period was named, which decides what "the previous one" is. */
    public enum Kind {
        QUARTER, MONTH, DAYS
    }

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a period must end after it starts");
        }
    }

    /** A quarter ({@code 2026-Q4}) or a month ({@code 2026-11}); anything else is refused. */
    public static Period parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase();
        Matcher quarter = QUARTER.matcher(value);
        if (quarter.matches()) {
            YearMonth first = YearMonth.of(Integer.parseInt(quarter.group(1)), (quarter.group(2).charAt(0) - '1') * 3 + 1);
            return months(first, 3, Kind.QUARTER);
        }
        if (MONTH.matcher(value).matches()) {
            try {
                return months(YearMonth.parse(value), 1, Kind.MONTH);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("no such month '" + text + "'");
            }
        }
        throw new IllegalArgumentException("'" + text + "' is neither a quarter like 2026-Q4 nor a month like 2026-11");
    }

    /** The days from {@code first} to {@code last}, both included. */
    public static Period days(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("'to' must not be before 'from'");
        }
        return new Period(first + ".." + last, start(first), start(last.plusDays(1)), Kind.DAYS);
    }

    /** The period of the same kind and length just before this one. */
    public Period previous() {
        return switch (kind) {
            case QUARTER -> months(YearMonth.from(from.atZone(ZoneOffset.UTC)).minusMonths(3), 3, Kind.QUARTER);
            case MONTH -> months(YearMonth.from(from.atZone(ZoneOffset.UTC)).minusMonths(1), 1, Kind.MONTH);
            case DAYS -> {
                LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
                long length = ChronoUnit.DAYS.between(first, LocalDate.ofInstant(to, ZoneOffset.UTC));
                yield days(first.minusDays(length), first.minusDays(1));
            }
        };
    }

    private static Period months(YearMonth first, int count, Kind kind) {
        String label = kind == Kind.QUARTER ? first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1)
                : first.toString();
        return new Period(label, start(first.atDay(1)), start(first.plusMonths(count).atDay(1)), kind);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
