package dev.custody.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identity of one seized device's custody record. {@link #toString()} is the aggregate identifier in the event store. */
public record DeviceId(@JsonValue UUID value) {
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static DeviceId json(UUID value) {
        return new DeviceId(value);
    }

    public DeviceId {
        Objects.requireNonNull(value, "device id");
    }

    public static DeviceId random() {
        return new DeviceId(UUID.randomUUID());
    }

    public static DeviceId of(String value) {
        return new DeviceId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
