package dev.custody.edge;

import dev.custody.edge.Problem.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Bean Validation of a request, wherever it came from (a JSON body or a web form), as one 400 naming every bad
 * field by its path ({@code legal.purpose}, {@code timeSensitiveData[0].kind}), in field order.
 */
public final class Validation {

    private Validation() {
    }

    /** @throws Problem 400 {@code invalid-request} listing every violation */
    public static void check(Validator validator, Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw Problem.invalid("invalid-request", fieldErrors(violations));
        }
    }

    public static List<FieldError> fieldErrors(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }
}
