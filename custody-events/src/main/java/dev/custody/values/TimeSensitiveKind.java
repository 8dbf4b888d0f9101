package dev.custody.values;

/** Kinds of data that can vanish while a device waits, as the London Rape Review found with dating apps. */
public enum TimeSensitiveKind {
    DATING_APP,
    DISAPPEARING_MESSAGES,
    CLOUD_RETENTION,
    OTHER
}
