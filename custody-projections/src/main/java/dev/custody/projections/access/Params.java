package dev.custody.projections.access;

import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects every bad query parameter, so a client is told about all of them at once. */
public final class Params {

    private final List<FieldError> errors = new ArrayList<>();

    public Params paging(int page, int size) {
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + Page.MAX_SIZE));
        }
        return this;
    }

    public <E extends Enum<E>> Params oneOf(String field, String value, E[] values) {
        if (value != null && Arrays.stream(values).noneMatch(v -> v.name().equals(value))) {
            errors.add(new FieldError(field, "must be one of " + Arrays.toString(values)));
        }
        return this;
    }

    public Params oneOf(String field, String value, List<String> values) {
        if (value != null && !values.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + values));
        }
        return this;
    }

    public Params check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** @throws Problem 400 listing every problem found */
    public void validate() {
        if (!errors.isEmpty()) {
            throw Problem.invalidParameters(errors);
        }
    }
}
