package dev.custody.edge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a caller should have sent, in their terms, for a value that could not be read (a JSON field, a query or path
 * parameter): never a Java type's name.
 */
public final class Expected {

    private Expected() {
    }

    /** The expected form of a value of this type, as a client would write it in JSON or a URL. */
    public static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T09:30:00Z";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-01-31";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (type == UUID.class) {
            return "a UUID such as 3f2b8c1e-5d4a-4b6f-9e21-7c0d8a9b1e23";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord() && type.getRecordComponents().length == 1) {
            // Single-value types (ids, codes, references) are written as their one value.
            return describe(type.getRecordComponents()[0].getType());
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid value";
    }
}
