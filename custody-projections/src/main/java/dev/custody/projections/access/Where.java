package dev.custody.projections.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The optional conditions of a read-model query, each {@code " and …"} added together with its parameters, which go
 * onto the query's parameter list in the same order. A condition whose value is null is left out, so a filter is
 * never in the SQL without its parameter or the other way round. Column names and conditions are the caller's
 * constants, never input; values only ever travel as parameters.
 */
public final class Where {

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> args;

    private Where(List<Object> args) {
        this.args = args;
    }

    /** Conditions whose parameters follow those already in {@code args} (the ones that come earlier in the SQL). */
    public static Where appendingTo(List<Object> args) {
        return new Where(args);
    }

    /** {@code and column = ?}, unless {@code value} is null. */
    public Where equal(String column, Object value) {
        return value == null ? this : and(column + " = ?", value);
    }

    /** {@code and column >= ?}, unless {@code value} is null. */
    public Where atOrAfter(String column, Instant value) {
        return value == null ? this : and(column + " >= ?", value);
    }

    /** {@code and column < ?}, unless {@code value} is null. */
    public Where before(String column, Instant value) {
        return value == null ? this : and(column + " < ?", value);
    }

    /** {@code and condition}, always, with the parameters of its {@code ?}s in order. */
    public Where and(String condition, Object... values) {
        sql.append(" and ").append(condition);
        for (Object value : values) {
            args.add(value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        return this;
    }

    /** The conditions added, each starting with {@code " and "}; empty when none was. */
    @Override
    public String toString() {
        return sql.toString();
    }
}
