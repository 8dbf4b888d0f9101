package dev.custody.edge;

import dev.custody.edge.Problem.FieldError;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
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

    /**
     * Bean Validation as the server sets it up, for code that runs without Spring (unit tests, tools): the time
     * constraints get this window, as Spring's constraint validator factory injects the {@link TimeWindow} bean.
     */
    public static Validator validator(TimeWindow window) {
        var configuration = jakarta.validation.Validation.byDefaultProvider().configure();
        ConstraintValidatorFactory defaults = configuration.getDefaultConstraintValidatorFactory();
        return configuration.constraintValidatorFactory(new ConstraintValidatorFactory() {
            @Override
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> key) {
                if (key == Plausible.InstantValidator.class) {
                    return key.cast(new Plausible.InstantValidator(window));
                }
                if (key == Plausible.DateValidator.class) {
                    return key.cast(new Plausible.DateValidator(window));
                }
                return defaults.getInstance(key);
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                defaults.releaseInstance(instance);
            }
        }).buildValidatorFactory().getValidator();
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
                .map(v -> new FieldError(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
    }

    /**
     * A violation's path as a client names the field, as Spring names it for a bound form: {@code
     * legal.justification.lineOfEnquiry}, {@code timeSensitiveData[0]} for a list's element, and the set itself
     * ({@code scope.categories}) for a set's element, which has no position.
     */
    public static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    field.append('[').append(position).append(']');
                }
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")
                    && (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER)) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }
}
