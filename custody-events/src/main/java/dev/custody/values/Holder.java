package dev.custody.values;

/**
 * Who physically has the device.
 *
 * @param kind the kind of holder
 * @param name the holder's identifier: collar number, store or lab name
 */
public record Holder(HolderKind kind, String name) {

    public enum HolderKind {
        OFFICER,
        PROPERTY_STORE,
        COURIER,
        LAB,
        OWNER
    }
}
