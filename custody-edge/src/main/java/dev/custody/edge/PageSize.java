package dev.custody.edge;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page size or a limit, from 1 to {@link Bounds#PAGE_SIZE}: on a query record's {@code size} (as
 * {@link Params#limit} holds one given on its own). Null is valid: the record's default applies.
 */
@Documented
@Min(1)
@Max(Bounds.PAGE_SIZE)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageSize {

    String message() default "must be between 1 and " + Bounds.PAGE_SIZE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
