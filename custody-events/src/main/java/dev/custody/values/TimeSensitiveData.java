package dev.custody.values;

import java.time.Instant;

/**
 * A flag that data on the device is at risk.
 *
 * @param kind      what kind of data
 * @param detail    which app or service
 * @param expiresAt when the data is believed to disappear, if known
 */
public record TimeSensitiveData(TimeSensitiveKind kind, String detail, Instant expiresAt) {
}
