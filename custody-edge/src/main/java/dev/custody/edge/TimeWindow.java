package dev.custody.edge;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The plausible window for every time and date a caller sends ({@link Plausible}), from {@link InputLimits} and the
 * injected {@link Clock}. Nothing earlier than {@link InputLimits#earliest()} is accepted; what has happened may be at
 * most {@link InputLimits#ahead()} past the clock (a date: not after today), what is planned at most
 * {@link InputLimits#yearsAhead()} years ahead. A time outside the window never reaches the event store, so no
 * processor ever meets a year such as -1 or +99999.
 */
@Component
public class TimeWindow {

    /** Which end of the window applies. */
    public enum Horizon {
        /** Something that has happened: occurredAt, agreedAt, a scope's dates. */
        PAST,
        /** Something planned or asked about: a retention end, an expiry, a query's range. */
        FUTURE
    }

    private final InputLimits limits;
    private final Clock clock;

    public TimeWindow(InputLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public boolean admits(Horizon horizon, Instant instant) {
        return !instant.isBefore(limits.earliest()) && !instant.isAfter(latest(horizon));
    }

    public boolean admits(Horizon horizon, LocalDate date) {
        return !date.isBefore(earliestDate()) && !date.isAfter(latestDate(horizon));
    }

    public Instant latest(Horizon horizon) {
        Instant now = clock.instant();
        return horizon == Horizon.PAST ? now.plus(limits.ahead())
                : now.atZone(limits.zone()).plusYears(limits.yearsAhead()).toInstant();
    }

    public LocalDate earliestDate() {
        return LocalDate.ofInstant(limits.earliest(), limits.zone());
    }

    public LocalDate latestDate(Horizon horizon) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), limits.zone());
        return horizon == Horizon.PAST ? today : today.plusYears(limits.yearsAhead());
    }

    /** The rule in words, for a field error and the OpenAPI description. */
    public String describeInstant(Horizon horizon) {
        return "must be an ISO-8601 instant from " + limits.earliest() + " to "
                + (horizon == Horizon.PAST ? words(limits.ahead()) + " after the current time"
                : limits.yearsAhead() + " years from now");
    }

    public String describeDate(Horizon horizon) {
        return "must be a date from " + earliestDate() + " to "
                + (horizon == Horizon.PAST ? "today" : limits.yearsAhead() + " years from today");
    }

    private static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        if (seconds % 60 == 0) {
            return plural(seconds / 60, "minute");
        }
        return plural(seconds, "second");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
