package dev.custody.edge;

import dev.custody.edge.TimeWindow.Horizon;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A time or date inside the plausible window ({@link TimeWindow}): on an {@link Instant} or a {@link LocalDate}, in a
 * request body, a form or a query parameter. Null is valid (use {@code @NotNull} to require one).
 */
@Documented
@Constraint(validatedBy = {Plausible.InstantValidator.class, Plausible.DateValidator.class})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Plausible {

    /** PAST for what has happened (the default), FUTURE for what is planned or asked about. */
    Horizon value() default Horizon.PAST;

    String message() default "is outside the plausible window";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Made by Spring's constraint validator factory, which injects the window. */
    final class InstantValidator extends WindowValidator<Instant> {
        public InstantValidator(TimeWindow window) {
            super(window);
        }

        @Override
        boolean admits(Instant value) {
            return window.admits(horizon, value);
        }

        @Override
        String rule() {
            return window.describeInstant(horizon);
        }
    }

    final class DateValidator extends WindowValidator<LocalDate> {
        public DateValidator(TimeWindow window) {
            super(window);
        }

        @Override
        boolean admits(LocalDate value) {
            return window.admits(horizon, value);
        }

        @Override
        String rule() {
            return window.describeDate(horizon);
        }
    }

    abstract class WindowValidator<T> implements ConstraintValidator<Plausible, T> {

        final TimeWindow window;
        Horizon horizon;

        WindowValidator(TimeWindow window) {
            this.window = window;
        }

        @Override
        public void initialize(Plausible annotation) {
            horizon = annotation.value();
        }

        abstract boolean admits(T value);

        abstract String rule();

        @Override
        public boolean isValid(T value, ConstraintValidatorContext context) {
            if (value == null || admits(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(rule()).addConstraintViolation();
            return false;
        }
    }
}
