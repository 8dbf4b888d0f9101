package dev.custody.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.custody.edge.RequestBounds.BodyTooLarge;
import dev.custody.edge.Expected;
import dev.custody.edge.Params;
import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;
import dev.custody.server.security.FirewallRejection;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders every failure in MVC as problem+json ({@link Problem}), naming the rule and every bad field. Refusals
 * arrive as {@link Problem}s from the command service and the queries; this class maps what Spring and Jackson raise
 * before a handler runs. Messages are written for the caller: none names a Java class, a Jackson internal or a stack.
 * Nothing is stored when a command fails: its transaction rolls back before this runs.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /**
     * Left to Spring Security, whose entry point and access-denied handler are the one place 401 (with its
     * {@code WWW-Authenticate} challenge) and 403 are written.
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e;
    }

    /** The firewall refuses a header value when it is first read, which for some headers is inside MVC. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail rejected(RequestRejectedException e) {
        return FirewallRejection.PROBLEM.getBody();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problem.badRequest("invalid-parameter", "Parameter '" + e.getName() + "' is malformed",
                List.of(new FieldError(e.getName(), "must be " + Expected.describe(e.getRequiredType())))).getBody();
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletResponse response) {
        if (databaseUnreachable(e)) {
            log.warn("Refused a request: the database cannot be reached: {}", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                    "The database cannot be reached just now; nothing was stored. Try again shortly", List.of())
                    .getBody();
        }
        log.error("Unexpected failure", e);
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; nothing was stored", List.of()).getBody();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(Params::fieldError)
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        // A JSON body names its fields; a filter record bound from the query string (@ParameterObject) its
        // parameters, every unconvertible and every out-of-bounds one together.
        boolean body = e.getParameter().hasParameterAnnotation(RequestBody.class);
        return respond(body ? Problem.invalid("invalid-request", errors) : Problem.invalidParameters(errors), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        // A parameter (a path variable, a query parameter) is named as such; a validated body by its fields' paths.
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream().map(Params::fieldError)
                        : result.getResolvableErrors().stream()
                        .map(error -> new FieldError(String.valueOf(result.getMethodParameter().getParameterName()),
                                String.valueOf(error.getDefaultMessage()))))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return respond(Problem.invalid("invalid-request", errors), headers);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return respond(Problem.badRequest("invalid-parameter", "Parameter '" + e.getParameterName() + "' is required",
                List.of(new FieldError(e.getParameterName(), "is required"))), headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLarge tooLarge) {
                return respond(tooLarge.problem(), headers);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return respond(Problem.badRequest("unreadable-request", "Field '" + field + "' cannot be read",
                    List.of(new FieldError(field, reason(mapping)))), headers);
        }
        String detail = cause instanceof JsonProcessingException
                ? "The request body is not valid JSON"
                : "The request body is missing or cannot be read as JSON";
        return respond(Problem.badRequest("unreadable-request", detail, List.of()), headers);
    }

    /**
     * Spring's own problems (405, 406, 415, an unknown path, ...) get a rule too, named after their status, so that
     * every problem a client meets has one.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("rule"))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String rule = known == null ? "error" : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
            problem.setType(Problem.type(rule));
            problem.setProperty("rule", rule);
        }
        return response;
    }

    private static ResponseEntity<Object> respond(Problem problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatusCode()).headers(headers).body(problem.getBody());
    }

    /** Why a value could not be read, in the caller's terms: what was expected, never which Java type. */
    private static String reason(JsonMappingException mapping) {
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof IllegalArgumentException invalid
                && invalid.getMessage() != null && !invalid.getMessage().contains("`")) {
            return firstLine(invalid.getMessage());
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType() != null) {
            return "must be " + Expected.describe(format.getTargetType());
        }
        if (mapping instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "must be " + Expected.describe(mismatched.getTargetType());
        }
        return "is not valid";
    }

    /**
     * A failure to reach the database, however the layers above wrapped it: no pooled connection within the pool's
     * timeout, or a connection that broke or was refused (SQL state class 08; 57P0x: the server shutting down or not
     * yet accepting connections).
     */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof CannotGetJdbcConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        int newline = s.indexOf('\n');
        return newline < 0 ? s : s.substring(0, newline);
    }
}
