package dev.custody.edge;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A refused request, the one shape every refusal takes in Custody: RFC 9457 problem details with two extensions,
 * {@code rule}, the stable kebab-case code clients and docs use, and {@code errors}, every bad field at once as
 * {@code {field, message}}, each field named by its JSON path (or parameter, or header).
 * <p>
 * Thrown anywhere behind the edge (a controller, the command service, a query). The REST API renders it as
 * {@code application/problem+json} ({@link #body()}); a web page renders {@link #detail()} and {@link #errors()} as
 * an error summary linked to each field. Nothing is stored when a request is refused.
 */
public class Problem extends ErrorResponseException {

    /** One bad field, by JSON path, parameter or header name. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final String rule;
    private final String detail;
    private final List<FieldError> errors;

    public Problem(HttpStatus status, String rule, String detail, List<FieldError> errors) {
        super(status, body(status, rule, detail, errors), null);
        this.rule = rule;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public static Problem invalid(String rule, List<FieldError> errors) {
        return new Problem(HttpStatus.BAD_REQUEST, rule, errors.size() + " field(s) are missing or invalid", errors);
    }

    /** A bad request naming every bad query parameter at once. */
    public static Problem invalidParameters(List<FieldError> errors) {
        return new Problem(HttpStatus.BAD_REQUEST, "invalid-request",
                errors.size() + " parameter(s) are missing or invalid", errors);
    }

    public static Problem badRequest(String rule, String detail, List<FieldError> errors) {
        return new Problem(HttpStatus.BAD_REQUEST, rule, detail, errors);
    }

    public static Problem forbidden(String rule, String detail) {
        return new Problem(HttpStatus.FORBIDDEN, rule, detail, List.of());
    }

    /** Use {@link NotFound} for records a caller may not see, so that they answer exactly as unknown ones. */
    public static Problem notFound(String rule, String detail) {
        return new Problem(HttpStatus.NOT_FOUND, rule, detail, List.of());
    }

    public static Problem conflict(String rule, String detail) {
        return new Problem(HttpStatus.CONFLICT, rule, detail, List.of());
    }

    public static Problem unprocessable(String rule, String detail, List<FieldError> errors) {
        return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, rule, detail, errors);
    }

    /** A body, or what it would store, over a size limit (413). */
    public static Problem tooLarge(String rule, String detail, List<FieldError> errors) {
        return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, rule, detail, errors);
    }

    /** The problem+json body of a refusal: the one place its shape is decided. */
    public static ProblemDetail body(HttpStatus status, String rule, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(rule));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("rule", rule);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", List.copyOf(errors));
        }
        return problem;
    }

    public static URI type(String rule) {
        return URI.create("urn:custody:problem:" + rule);
    }

    public String rule() {
        return rule;
    }

    /** What went wrong, in words for a person: a page's error summary shows it when no field is named. */
    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(getStatusCode().value());
    }

    @Override
    public String getMessage() {
        return status().value() + " " + rule + ": " + detail + (errors.isEmpty() ? "" : " " + errors);
    }
}
