package dev.custody.edge;

import dev.custody.edge.TimeWindow.Horizon;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The bounds of a request record's fields, read from the same Bean Validation annotations that validate it and that
 * OpenAPI publishes, so that a web form can show them: {@code maxlength} and a character count for text,
 * {@code required}, how many items a list may hold. Fields are named by their path as in an error
 * ({@code legal.justification.lineOfEnquiry}); a list's element is {@code timeSensitiveData[].detail}, and any index
 * ({@code timeSensitiveData[2].detail}) is read as {@code []}.
 */
public final class FieldBounds {

    /**
     * @param maxLength  the most characters a text may have; null for a field that is not text
     * @param minLength  the fewest; 0 when any length up to the maximum will do
     * @param maxItems   the most items a list or set may have; null for a field that is not one
     * @param required   whether the edge refuses the request without it (the custody rules may require more)
     * @param type       the field's Java type
     * @param line       one line of text ({@link Line})
     * @param multiline  free text, which may hold newlines (a textarea; {@link FreeText})
     * @param plausible  the window a time or date must lie in; null when the field is not one
     * @param min        the smallest number; null when unbounded or not a number
     * @param max        the largest number; null when unbounded or not a number
     */
    public record Bound(String field, Class<?> type, Integer maxLength, int minLength, Integer maxItems,
                        boolean required, boolean line, boolean multiline, Horizon plausible, Long min, Long max) {
    }

    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Map<Class<?>, Map<String, Bound>> CACHE = new ConcurrentHashMap<>();

    private FieldBounds() {
    }

    /** Every field of the record and of the records inside it, in declaration order. */
    public static Map<String, Bound> of(Class<?> requestType) {
        return CACHE.computeIfAbsent(requestType, type -> {
            Map<String, Bound> bounds = new LinkedHashMap<>();
            walk(type, "", bounds);
            return Collections.unmodifiableMap(bounds);
        });
    }

    /** @throws IllegalArgumentException when the record has no such field */
    public static Bound of(Class<?> requestType, String field) {
        Bound bound = of(requestType).get(INDEX.matcher(field).replaceAll("[]"));
        if (bound == null) {
            throw new IllegalArgumentException(requestType.getSimpleName() + " has no field " + field);
        }
        return bound;
    }

    private static void walk(Class<?> type, String prefix, Map<String, Bound> bounds) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            AnnotatedElement field = field(type, component);
            String path = prefix + component.getName();
            Class<?> raw = component.getType();
            Size size = field.getAnnotation(Size.class);
            boolean text = CharSequence.class.isAssignableFrom(raw);
            boolean many = Collection.class.isAssignableFrom(raw);
            Plausible plausible = field.getAnnotation(Plausible.class);
            Long min = field.isAnnotationPresent(Positive.class) ? Long.valueOf(1)
                    : field.isAnnotationPresent(Min.class) ? Long.valueOf(field.getAnnotation(Min.class).value()) : null;
            Long max = field.isAnnotationPresent(Max.class) ? field.getAnnotation(Max.class).value() : null;
            bounds.put(path, new Bound(path, raw,
                    text && size != null ? size.max() : null,
                    text && size != null ? size.min() : 0,
                    many && size != null ? size.max() : null,
                    raw.isPrimitive() || field.isAnnotationPresent(NotNull.class)
                            || field.isAnnotationPresent(NotBlank.class) || field.isAnnotationPresent(NotEmpty.class),
                    field.isAnnotationPresent(Line.class), field.isAnnotationPresent(FreeText.class),
                    plausible == null ? null : plausible.value(), min, max));
            if (raw.isRecord()) {
                walk(raw, path + ".", bounds);
            } else if (many && element(component.getGenericType()) instanceof Class<?> element && element.isRecord()) {
                walk(element, path + "[].", bounds);
            }
        }
    }

    /** The annotations of a record component land on its field (Bean Validation's have no record-component target). */
    private static AnnotatedElement field(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Type element(Type collection) {
        return collection instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                ? p.getActualTypeArguments()[0] : null;
    }
}
