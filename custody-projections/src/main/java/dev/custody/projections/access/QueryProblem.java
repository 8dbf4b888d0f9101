package dev.custody.projections.access;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A refused query, rendered as RFC 9457 problem+json in the same shape as the command side's problems: a stable
 * {@code rule} and, where parameters are at fault, every one of them in {@code errors}.
 */
public class QueryProblem extends ErrorResponseException {

    private QueryProblem(HttpStatus status, String rule, String detail, List<Map<String, String>> errors) {
        super(status, problem(status, rule, detail, errors), null);
    }

    private static ProblemDetail problem(HttpStatus status, String rule, String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:custody:problem:" + rule));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("rule", rule);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static QueryProblem notFound(String rule, String detail) {
        return new QueryProblem(HttpStatus.NOT_FOUND, rule, detail, List.of());
    }

    public static QueryProblem forbidden(String rule, String detail) {
        return new QueryProblem(HttpStatus.FORBIDDEN, rule, detail, List.of());
    }

    public static QueryProblem conflict(String rule, String detail) {
        return new QueryProblem(HttpStatus.CONFLICT, rule, detail, List.of());
    }

    /** A bad request naming every bad parameter at once. */
    public static QueryProblem invalid(List<Map<String, String>> errors) {
        return new QueryProblem(HttpStatus.BAD_REQUEST, "invalid-request",
                errors.size() + " parameter(s) are missing or invalid", errors);
    }

    public static Map<String, String> field(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
