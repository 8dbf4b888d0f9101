package dev.custody.notifier.tracking;

import dev.custody.values.ContactReference;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;

import java.time.Instant;
import java.util.Locale;

/**
 * What the notifier knows of one device, learnt from the event topic: enough to address and schedule messages, and
 * no personal details.
 *
 * @param contactReference null when there is no one to tell
 * @param nextUpdateDue    when the next regular update is due; null once returned
 * @param returnedAt       null while held
 */
public record TrackedDevice(DeviceId deviceId, ForceCode force, ContactReference contactReference,
                            OwnerRole ownerRole, int seizureNumber, int updateEveryDays, Instant seizedAt,
                            Instant lastUpdateAt, Instant nextUpdateDue, Instant returnedAt) {

    public boolean held() {
        return returnedAt == null;
    }

    /**
     * The reference a victim quotes when they call: the first eight characters of the device id. It names no case,
     * offence or officer, and the force finds the device by it.
     */
    public String victimReference() {
        return victimReference(deviceId);
    }

    public static String victimReference(DeviceId deviceId) {
        return deviceId.value().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
