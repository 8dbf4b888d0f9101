package dev.custody.notifier.inbox;

/**
 * An alert about a device whose seizure the notifier has not read yet: the two topics are not ordered against each
 * other. Retried with backoff, then parked on the dead-letter topic.
 */
public class DeviceNotYetKnown extends RuntimeException {
    public DeviceNotYetKnown(String deviceId) {
        super("no seizure known yet for device " + deviceId);
    }
}
