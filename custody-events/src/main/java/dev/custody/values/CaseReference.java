package dev.custody.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/** The force's crime or case reference. Devices of one case share it. */
public record CaseReference(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CaseReference json(String value) {
        return new CaseReference(value);
    }

    public CaseReference {
        Objects.requireNonNull(value, "case reference");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("case reference must be 1 to 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
