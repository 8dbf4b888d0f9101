package dev.custody.queries;

import dev.custody.values.DeviceId;

/**
 * Asks the read side when a held device is expected back. Answered with an {@code Optional<ExpectedReturn>}: empty
 * when the device is unknown, already returned, or no node answers queries.
 */
public record ExpectedReturnQuery(DeviceId deviceId) {
}
