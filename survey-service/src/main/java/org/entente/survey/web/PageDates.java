package org.entente.survey.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * How the organizer pages show times: always in UTC and saying so, whatever the server's time zone. Templates call
 * it as {@code ${@dates.day(instant)}} and {@code ${@dates.minute(instant)}}.
 */
@Component("dates")
public class PageDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    public String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }
}
