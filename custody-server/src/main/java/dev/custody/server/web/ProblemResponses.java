package dev.custody.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details with Custody's two extensions: {@code rule}, the stable code of the rule or error, and
 * {@code errors}, every bad field at once as {@code {field, message}}.
 */
@Component
public class ProblemResponses {

    /** One bad field, by JSON path. */
    public record FieldError(String field, String message) {
    }

    private final ObjectMapper objectMapper;

    ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(HttpStatus status, String rule, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:custody:problem:" + rule));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("rule", rule);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** For filters that answer before MVC, such as authentication. */
    public void write(HttpServletResponse response, HttpStatus status, String rule, String detail) throws IOException {
        ProblemDetail problem = problem(status, rule, detail, List.of());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.putAll(problem.getProperties());
        objectMapper.writeValue(response.getOutputStream(), body);
    }
}
