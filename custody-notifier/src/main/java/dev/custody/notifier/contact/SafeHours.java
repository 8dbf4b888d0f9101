package dev.custody.notifier.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a person may safely receive a message, in their local time: {@code from} inclusive to {@code until} exclusive.
 * A window may run past midnight (for example 20:00 to 08:00 for a night worker). Daylight-saving changes are
 * handled by the zone: 09:00 is 09:00 on the wall clock on both sides of a change.
 */
public record SafeHours(LocalTime from, LocalTime until, ZoneId zone) {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public SafeHours {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        zone = zone == null ? LONDON : zone;
        if (from.equals(until)) {
            throw new IllegalArgumentException("safe hours must not start and end at the same time");
        }
    }

    public boolean allows(Instant instant) {
        LocalTime local = instant.atZone(zone).toLocalTime();
        if (from.isBefore(until)) {
            return !local.isBefore(from) && local.isBefore(until);
        }
        return !local.isBefore(from) || local.isBefore(until);
    }

    /** The instant itself when it is inside the window, otherwise the next time the window opens. */
    public Instant nextOpening(Instant instant) {
        if (allows(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate day = local.toLocalDate();
        ZonedDateTime today = ZonedDateTime.of(day, from, zone);
        ZonedDateTime opening = today.isAfter(local) ? today : ZonedDateTime.of(day.plusDays(1), from, zone);
        return opening.toInstant();
    }
}
