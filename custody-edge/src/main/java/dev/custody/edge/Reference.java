package dev.custody.edge;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A reference or a code given as a query parameter (a force, a lab, a processor): one {@link Line} of at most
 * {@link Bounds#REFERENCE} characters, as {@link Params#text} holds one given on its own, in its words. Null is
 * valid.
 */
@Documented
@Size(max = Bounds.REFERENCE, message = "must be at most " + Bounds.REFERENCE + " characters")
@Line
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Reference {

    /** Unused: each of the two constraints reports in its own words. */
    String message() default "must be one line of at most " + Bounds.REFERENCE + " characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
