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
 * A page of a list, from 0 to {@link Bounds#LAST_PAGE}: on a query record's {@code page} (as {@link Params#paging}
 * holds a page given on its own). Null is valid: the record's default applies.
 */
@Documented
@Min(0)
@Max(Bounds.LAST_PAGE)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageNumber {

    String message() default "must be between 0 and " + Bounds.LAST_PAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
