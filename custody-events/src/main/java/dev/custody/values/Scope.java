package dev.custody.values;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

/**
 * What may be extracted: a bounded date range and the categories of data.
 *
 * @param from                   first day of the range, inclusive
 * @param to                     last day of the range, inclusive
 * @param categories             the categories of data sought
 * @param longRangeJustification why a range beyond the force's limit is proportionate; required only then
 */
public record Scope(LocalDate from, LocalDate to, Set<DataCategory> categories, String longRangeJustification) {
    public Scope {
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    @JsonIgnore
    public boolean isBounded() {
        return from != null && to != null;
    }

    /** True when the range is longer than {@code limit}; an unbounded range is longer than any limit. */
    public boolean exceeds(Period limit) {
        return !isBounded() || to.isAfter(from.plus(limit));
    }
}
