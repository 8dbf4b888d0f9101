package dev.custody.queries;

import dev.custody.values.DeviceId;

import java.time.LocalDate;

/**
 * When a held device is expected back, as a range rather than a promise.
 *
 * @param deviceId the device
 * @param likely   the single most likely date
 * @param earliest the early end of the range
 * @param latest   the late end of the range
 * @param basis    how the estimate was made, in words an officer can repeat (for example "14 devices ahead in the
 *                 queue at dyfed-powys-dfu, which completes about 3 a day")
 */
public record ExpectedReturn(DeviceId deviceId, LocalDate likely, LocalDate earliest, LocalDate latest, String basis) {
}
