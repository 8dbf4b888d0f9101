package dev.custody.values;

import java.time.Period;

/** The date-range check made at seizure, recorded so inspectors can find every long range and its reason. */
public record ScopeReview(Period limit, boolean exceedsLimit) {
}
