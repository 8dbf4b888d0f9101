package dev.custody.device;

import dev.custody.values.ForceCode;

import java.time.Duration;
import java.time.Period;
import java.util.Map;

/**
 * The force-configurable numbers the custody rules use.
 *
 * @param dateRangeLimit         longest extraction date range accepted without a written justification
 * @param dateRangeLimitPerForce overrides by force
 * @param clockSkew              how far ahead of the server clock an {@code occurredAt} may be, for clients whose
 *                               clocks run slightly fast; anything later is "in the future" and refused
 * @param substance              what the justification texts of the s.37-39 record must contain to count
 */
public record CustodyPolicy(Period dateRangeLimit, Map<ForceCode, Period> dateRangeLimitPerForce, Duration clockSkew,
                            RecordSubstance substance) {

    public static final CustodyPolicy DEFAULT = new CustodyPolicy(Period.ofMonths(12), Map.of(), Duration.ofMinutes(2),
            RecordSubstance.DEFAULT);

    public CustodyPolicy {
        dateRangeLimitPerForce = Map.copyOf(dateRangeLimitPerForce);
    }

    public CustodyPolicy(Period dateRangeLimit, Map<ForceCode, Period> dateRangeLimitPerForce, Duration clockSkew) {
        this(dateRangeLimit, dateRangeLimitPerForce, clockSkew, RecordSubstance.DEFAULT);
    }

    public Period dateRangeLimit(ForceCode force) {
        return dateRangeLimitPerForce.getOrDefault(force, dateRangeLimit);
    }
}
