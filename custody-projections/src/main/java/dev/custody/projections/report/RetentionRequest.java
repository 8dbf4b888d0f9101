package dev.custody.projections.report;

import dev.custody.edge.Params;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.TimeWindow.Horizon;
import dev.custody.projections.access.ForceFilter;
import dev.custody.values.Actor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A retention report's period and filters as a caller asked for them ({@link RetentionFilter}), bounded by the edge's
 * {@link Params} and
 * scoped by {@link ForceFilter}: the one place the REST report, its CSV and the web dashboard turn parameters into
 * what the report runs on.
 */
public record RetentionRequest(RetentionReport.Period period, RetentionReport.Filters filters) {

    /**
     * Every parameter is checked before the period is worked out from them, so no date arithmetic overflows.
     *
     * @throws dev.custody.edge.Problem 400 naming each bad parameter; 403 when the caller asks for a force they
     *                                  cannot see
     */
    public static RetentionRequest of(Actor actor, Instant now, TimeWindow window, RetentionFilter filter) {
        return of(actor, now, window, filter, new Params());
    }

    /** As {@link #of(Actor, Instant, TimeWindow, RetentionFilter)}, adding to what binding the filter found. */
    static RetentionRequest of(Actor actor, Instant now, TimeWindow window, RetentionFilter filter, Params bound) {
        LocalDate from = filter.from();
        LocalDate to = filter.to();
        Params params = bound.text("force", filter.force()).text("lab", filter.lab())
                .within(window, Horizon.FUTURE, "from", from).within(window, Horizon.FUTURE, "to", to);
        boolean datesInWindow = (from == null || window.admits(Horizon.FUTURE, from))
                && (to == null || window.admits(Horizon.FUTURE, to));
        RetentionReport.Period period = null;
        if (datesInWindow) {
            period = period(now, from, to);
            params.check(!period.from().isAfter(period.to()), "from", "must not be after to")
                    .check(!period.from().plusYears(10).isBefore(period.to()), "to", "the period may be at most 10 years");
        }
        params.validate();
        return new RetentionRequest(period, new RetentionReport.Filters(ForceFilter.of(actor, filter.force()),
                filter.lab(), name(filter.ownerRole()), name(filter.deviceType())));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** {@code to} defaults to today (UTC), {@code from} to a year before it. */
    static RetentionReport.Period period(Instant now, LocalDate from, LocalDate to) {
        LocalDate end = to != null ? to : now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = from != null ? from : end.minusYears(1).plusDays(1);
        return new RetentionReport.Period(start, end);
    }
}
