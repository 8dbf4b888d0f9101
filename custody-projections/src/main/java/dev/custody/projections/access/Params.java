package dev.custody.projections.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Collects every bad query parameter, so a client is told about all of them at once. */
public final class Params {

    private final List<Map<String, String>> errors = new ArrayList<>();

    public Params paging(int page, int size) {
        if (page < 0) {
            errors.add(QueryProblem.field("page", "must be 0 or more"));
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            errors.add(QueryProblem.field("size", "must be between 1 and " + Page.MAX_SIZE));
        }
        return this;
    }

    public <E extends Enum<E>> Params oneOf(String field, String value, E[] values) {
        if (value != null && Arrays.stream(values).noneMatch(v -> v.name().equals(value))) {
            errors.add(QueryProblem.field(field, "must be one of " + Arrays.toString(values)));
        }
        return this;
    }

    public Params oneOf(String field, String value, List<String> values) {
        if (value != null && !values.contains(value)) {
            errors.add(QueryProblem.field(field, "must be one of " + values));
        }
        return this;
    }

    public Params check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(QueryProblem.field(field, message));
        }
        return this;
    }

    /** @throws QueryProblem 400 listing every problem found */
    public void validate() {
        if (!errors.isEmpty()) {
            throw QueryProblem.invalid(errors);
        }
    }
}
