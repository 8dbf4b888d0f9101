package dev.custody.device;

import java.util.UUID;

/**
 * What a successful command returns.
 *
 * @param deviceId the custody record
 * @param version  the record's version after the command; send it back as {@code If-Match} to act only on this state
 */
public record CommandResult(UUID deviceId, long version) {
}
