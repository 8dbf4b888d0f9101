package dev.custody.projections.deadline;

/** How a deadline that raised an alert was closed. */
public enum Resolution {
    /** The missing step was logged with an {@code occurredAt} at or before the due time (perhaps logged late). */
    IN_TIME,
    /** The missing step happened after the due time. */
    LATE,
    /** The deadline no longer applies: moved by an authorised extension, or overtaken (the device went back). */
    SUPERSEDED
}
