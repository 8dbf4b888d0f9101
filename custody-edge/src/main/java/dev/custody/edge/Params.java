package dev.custody.edge;

import dev.custody.edge.Problem.FieldError;
import dev.custody.edge.TimeWindow.Horizon;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bounds of query and path parameters, for the REST queries and the web pages' searches: collects every bad
 * parameter, so a caller is told about all of them at once (400 {@code invalid-request}). A parameter's text is one
 * {@link Line} of at most {@link Bounds#REFERENCE} characters, a page and its size stay within {@link Bounds}, and a
 * time or date lies in the {@link TimeWindow}, so nothing a caller sends can reach a query as an out-of-range
 * timestamp or an unbounded offset. OpenAPI shows the same bounds (the server's {@code OpenApiConfig}).
 */
public final class Params {

    private final List<FieldError> errors = new ArrayList<>();

    public Params paging(int page, int size) {
        check(page >= 0 && page <= Bounds.LAST_PAGE, "page", "must be between 0 and " + Bounds.LAST_PAGE);
        return limit("size", size);
    }

    /** A page size or a limit: 1 to {@link Bounds#PAGE_SIZE}. */
    public Params limit(String field, int value) {
        return check(value >= 1 && value <= Bounds.PAGE_SIZE, field, "must be between 1 and " + Bounds.PAGE_SIZE);
    }

    /** One line of text, such as a lab, force or case reference; null when absent. */
    public Params text(String field, String value) {
        if (value == null) {
            return this;
        }
        if (value.length() > Bounds.REFERENCE) {
            errors.add(new FieldError(field, "must be at most " + Bounds.REFERENCE + " characters"));
        } else {
            String refusal = Text.refusal(value, false);
            if (refusal != null) {
                errors.add(new FieldError(field, refusal));
            }
        }
        return this;
    }

    public <E extends Enum<E>> Params oneOf(String field, String value, E[] values) {
        return oneOf(field, value, Arrays.stream(values).map(Enum::name).toList());
    }

    public Params oneOf(String field, String value, List<String> values) {
        if (value != null && !values.contains(value)) {
            errors.add(new FieldError(field, "must be one of " + String.join(", ", values)));
        }
        return this;
    }

    /** A time in the window's {@code horizon}; null when absent. */
    public Params within(TimeWindow window, Horizon horizon, String field, Instant value) {
        return check(value == null || window.admits(horizon, value), field, window.describeInstant(horizon));
    }

    public Params within(TimeWindow window, Horizon horizon, String field, LocalDate value) {
        return check(value == null || window.admits(horizon, value), field, window.describeDate(horizon));
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

    @Override
    public String toString() {
        return errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
    }
}
