package dev.custody.edge;

import dev.custody.edge.Problem.FieldError;
import dev.custody.edge.TimeWindow.Horizon;
import org.springframework.beans.TypeMismatchException;
import org.springframework.validation.Errors;

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
 * timestamp or an unbounded offset. OpenAPI shows the same bounds (the server's {@code OpenApiConfig}). A query's
 * filters are a record bound with {@code @ParameterObject} whose fields carry the same bounds as annotations
 * ({@link Reference}, {@link PageNumber}, {@link PageSize}, {@link Plausible}); {@link #of(Errors)} adds the checks
 * across its fields to what binding found.
 */
public final class Params {

    private final List<FieldError> errors = new ArrayList<>();

    /**
     * Starts from what binding a filter record found ({@code @ParameterObject} with a {@code BindingResult}): the
     * parameters that could not be converted and those out of the record's bounds, so that the checks that need
     * several parameters (a period's order) are added to them and a caller is told everything at once.
     */
    public static Params of(Errors bound) {
        Params params = new Params();
        bound.getFieldErrors().stream().map(Params::fieldError).forEach(params::add);
        return params;
    }

    /** A bound field's error; a value that could not even be converted is described, never Spring's message. */
    public static FieldError fieldError(org.springframework.validation.FieldError error) {
        if (!error.isBindingFailure()) {
            return new FieldError(error.getField(), String.valueOf(error.getDefaultMessage()));
        }
        TypeMismatchException mismatch = error.contains(TypeMismatchException.class)
                ? error.unwrap(TypeMismatchException.class) : null;
        return new FieldError(error.getField(), mismatch == null ? "is not valid"
                : "must be " + Expected.describe(mismatch.getRequiredType()));
    }

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
            add(new FieldError(field, "must be at most " + Bounds.REFERENCE + " characters"));
        } else {
            String refusal = Text.refusal(value, false);
            if (refusal != null) {
                add(new FieldError(field, refusal));
            }
        }
        return this;
    }

    /** A choice given as text, by name; null when absent. Filters of a search are typed instead (decision 69). */
    public <E extends Enum<E>> Params oneOf(String field, String value, E[] values) {
        List<String> names = Arrays.stream(values).map(Enum::name).toList();
        if (value != null && !names.contains(value)) {
            add(new FieldError(field, "must be one of " + String.join(", ", names)));
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
            add(new FieldError(field, message));
        }
        return this;
    }

    /** The first problem found with a parameter is the one named: binding's own comes before the same check here. */
    private void add(FieldError error) {
        if (errors.stream().noneMatch(e -> e.field().equals(error.field()))) {
            errors.add(error);
        }
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
