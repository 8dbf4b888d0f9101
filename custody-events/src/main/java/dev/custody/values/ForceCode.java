package dev.custody.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/** A police force in England and Wales, by short lower-case code such as {@code dyfed-powys} or {@code met}. */
public record ForceCode(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ForceCode json(String value) {
        return new ForceCode(value);
    }

    private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9-]{1,39}");

    public ForceCode {
        Objects.requireNonNull(value, "force code");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("force code must be lower-case letters, digits and dashes: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
