package dev.custody.web.form;

import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import org.springframework.stereotype.Component;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bounds a form shows, read from the request's own Bean Validation constraints (the command side's, the same
 * REST has), so a form's character count never disagrees with the rule that refuses the text. A field without a
 * {@code @Size(max)} has no bound to show.
 */
@Component
public class FieldBounds {

    private final Validator validator;
    private final Map<String, Optional<Integer>> cache = new ConcurrentHashMap<>();

    FieldBounds(Validator validator) {
        this.validator = validator;
    }

    /** The longest text {@code path} (such as {@code legal.justification.lineOfEnquiry}) of {@code request} takes. */
    public Optional<Integer> maxLength(Class<?> request, String path) {
        return cache.computeIfAbsent(request.getName() + "#" + path, k -> find(request, path));
    }

    /** The maximum lengths of a request's fields, for a template: {@code ${maxLength.get('description')}}. */
    public Map<String, Integer> maxLengths(Class<?> request) {
        return new AbstractMap<>() {
            @Override
            public Integer get(Object path) {
                return maxLength(request, (String) path).orElse(null);
            }

            @Override
            public Set<Entry<String, Integer>> entrySet() {
                return Set.of();
            }
        };
    }

    private Optional<Integer> find(Class<?> type, String path) {
        BeanDescriptor bean = validator.getConstraintsForClass(type);
        String[] parts = path.split("\\.");
        PropertyDescriptor property = null;
        for (int i = 0; i < parts.length; i++) {
            property = bean.getConstraintsForProperty(parts[i]);
            if (property == null) {
                return Optional.empty();
            }
            if (i < parts.length - 1) {
                bean = validator.getConstraintsForClass(property.getElementClass());
            }
        }
        for (ConstraintDescriptor<?> c : property.getConstraintDescriptors()) {
            if (c.getAnnotation() instanceof Size size && size.max() < Integer.MAX_VALUE) {
                return Optional.of(size.max());
            }
        }
        return Optional.empty();
    }
}
