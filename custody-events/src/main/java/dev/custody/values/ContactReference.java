package dev.custody.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * An opaque pointer to a person's contact details held in the erasable contact vault.
 * The details themselves never enter an event or a message; only this reference does.
 */
public record ContactReference(@JsonValue String value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ContactReference json(String value) {
        return new ContactReference(value);
    }

    public ContactReference {
        Objects.requireNonNull(value, "contact reference");
        if (value.isBlank() || value.length() > 64) {
            throw new IllegalArgumentException("contact reference must be 1 to 64 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
