package dev.custody.values;

/** A warning comes before a deadline (the 24h return warns at 20h); a breach is a deadline missed. */
public enum AlertSeverity {
    WARNING,
    BREACH
}
