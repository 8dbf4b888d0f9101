package dev.custody.device;

import java.util.List;

/**
 * A command broke a custody rule, and nothing was stored.
 * <p>
 * {@code rule} is a stable kebab-case code that clients and the docs use (see docs/domain.md); the HTTP layer turns
 * it into problem+json with status 409 for a {@link Kind#CONFLICT} with the device's state, 422 for
 * {@link Kind#UNPROCESSABLE} content, 403 for {@link Kind#FORBIDDEN}, and for {@link Kind#NOT_FOUND} (a record the
 * caller may not see) exactly the 404 of a record that does not exist.
 */
public class RuleViolation extends RuntimeException {

    public enum Kind {
        CONFLICT,
        UNPROCESSABLE,
        FORBIDDEN,
        NOT_FOUND
    }

    /** One bad field, named by its JSON path in the request. */
    public record FieldProblem(String field, String message) {
    }

    private final String rule;
    private final Kind kind;
    private final List<FieldProblem> fieldProblems;

    public RuleViolation(Kind kind, String rule, String message, List<FieldProblem> fieldProblems) {
        super(message);
        this.kind = kind;
        this.rule = rule;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static RuleViolation conflict(String rule, String message) {
        return new RuleViolation(Kind.CONFLICT, rule, message, List.of());
    }

    public static RuleViolation unprocessable(String rule, String message) {
        return new RuleViolation(Kind.UNPROCESSABLE, rule, message, List.of());
    }

    public static RuleViolation unprocessable(String rule, String message, String field) {
        return new RuleViolation(Kind.UNPROCESSABLE, rule, message, List.of(new FieldProblem(field, message)));
    }

    public static RuleViolation forbidden(String rule, String message) {
        return new RuleViolation(Kind.FORBIDDEN, rule, message, List.of());
    }

    /** The record exists but the caller may not see it: answered as if it did not exist. */
    public static RuleViolation notFound(String rule, String message) {
        return new RuleViolation(Kind.NOT_FOUND, rule, message, List.of());
    }

    public String rule() {
        return rule;
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    @Override
    public String toString() {
        return "RuleViolation[" + rule + ": " + getMessage() + " " + fieldProblems + "]";
    }
}
