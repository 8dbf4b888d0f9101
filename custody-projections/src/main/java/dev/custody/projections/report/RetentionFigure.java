package dev.custody.projections.report;

/**
 * The figures of the retention report a dashboard links to the devices behind: each is a condition on a cohort's
 * custody period ({@code custody_period p}), the same as the report's own count of it; the alert figures are the
 * alerts raised in the period (docs/reports.md).
 */
public enum RetentionFigure {
    /** Every custody period of the cohort. */
    ALL("true"),
    RETURNED("p.returned_at is not null"),
    STILL_HELD("p.returned_at is null"),
    /** Victims' and witnesses' periods: the 24-hour return rate's population. */
    VICTIMS(Sql.VICTIM),
    RETURNED_IN_24H(Sql.VICTIM + " and p.returned_seconds <= 86400"),
    /** Victims' and witnesses' periods held more than 24 hours: the replacement rate's population. */
    HELD_PAST_24H(Sql.VICTIM + " and " + Sql.PAST_24H),
    REPLACED(Sql.VICTIM + " and " + Sql.PAST_24H + " and p.replacement_seconds is not null"),
    /** Returned without an examination having started. */
    RETURNED_NOT_EXAMINED("p.returned_at is not null and p.examination_started_at is null"),
    /** Held past the force's long-hold review point: a LONG_HOLD breach alert was raised. */
    LONG_HOLD(RetentionFigure.LONG_HOLD_EXISTS),
    LONG_HOLD_STILL_HELD(RetentionFigure.LONG_HOLD_EXISTS + " and p.returned_at is null"),
    ALERT_RAISED(null),
    ALERT_OPEN(null),
    ALERT_IN_TIME(null),
    ALERT_LATE(null);

    /** The long-hold condition; used by the dashboard's count too. */
    static final String LONG_HOLD_EXISTS = "exists (select 1 from alert a where a.device_id = p.device_id"
            + " and a.seizure_number = p.seizure_number and a.rule = 'LONG_HOLD' and a.severity = 'BREACH')";

    private final String condition;

    RetentionFigure(String condition) {
        this.condition = condition;
    }

    /** The condition on {@code p}, with one parameter, the report's "now" in epoch seconds, where it says ?. */
    String condition() {
        return condition;
    }

    boolean usesNow() {
        return condition != null && condition.contains("?");
    }

    /** An alert figure: its devices are those of the alerts raised in the period, not the cohort's. */
    boolean isAlert() {
        return condition == null;
    }

    private static final class Sql {
        static final String VICTIM = "p.owner_role in ('VICTIM', 'WITNESS')";
        /** Returned after 24 hours, or still held and seized more than 24 hours before now (the parameter). */
        static final String PAST_24H = "coalesce(p.returned_seconds > 86400, p.seized_epoch < ? - 86400)";
    }
}
