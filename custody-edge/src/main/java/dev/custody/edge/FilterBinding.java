package dev.custody.edge;

import jakarta.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Lets a query filter record ({@code @Valid @ParameterObject}, bound through its constructor) be refused naming every
 * bad parameter at once: when a parameter cannot be converted (an unknown enum name, a malformed UUID or time), Spring's
 * binder still checks the bounds of the others one value at a time ({@code SmartValidator.validateValue}), and reports
 * them with the conversion failures. Spring Boot's MVC validator adapter does not pass {@code validateValue} on (it
 * refuses, and the binder then checks nothing more), so binders that construct their target get the application's Bean
 * Validation directly: the same validator and constraints (with the injected {@link TimeWindow}), only unwrapped.
 */
@ControllerAdvice
public class FilterBinding {

    private final SpringValidatorAdapter validator;

    public FilterBinding(Validator validator) {
        this.validator = validator instanceof SpringValidatorAdapter adapter ? adapter
                : new SpringValidatorAdapter(validator);
    }

    @InitBinder
    void validateEachValue(WebDataBinder binder) {
        if (binder.getTarget() == null && binder.getTargetType() != null) {
            binder.setValidator(validator);
        }
    }
}
