package dev.custody.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** A digital forensic unit, such as {@code dyfed-powys-dfu}. */
public record LabId(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LabId json(String value) {
        return new LabId(value);
    }

    public LabId {
        Objects.requireNonNull(value, "lab id");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("lab id must be 1 to 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
