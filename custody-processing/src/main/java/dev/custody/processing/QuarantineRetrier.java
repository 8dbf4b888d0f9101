package dev.custody.processing;

import java.util.UUID;

/**
 * Retries a quarantined event of the processors it {@link #handles}, once the cause is fixed: the event, then every
 * later event of its device that waited behind it, in order. Each processor kind (Axon's streaming processors, the
 * notifier's consumer) provides one.
 */
public interface QuarantineRetrier {

    boolean handles(String processor);

    /**
     * Applies the quarantined event and then the device's later events.
     *
     * @param by who asked, recorded as the resolver
     * @throws RetryUnavailable when a resource is away (see {@link Faults}): try again later; whatever was applied
     *                          before it stays applied, in order
     */
    Outcome retry(Quarantine.Entry entry, String by);

    /** How many of the device's events or records wait behind this one. */
    long waiting(Quarantine.Entry entry);

    /**
     * What a retry did.
     *
     * @param result      APPLIED (the event and all behind it; the device flows again), STILL_FAILING (the event
     *                    failed again and stays quarantined, with the new error) or STOPPED_AT_LATER_EVENT (it was
     *                    applied, and a later event of the device failed and is quarantined now)
     * @param applied     events applied by this retry
     * @param quarantined the quarantine row holding the device now, if any
     */
    record Outcome(String result, int applied, UUID quarantined) {

        public static Outcome applied(int applied) {
            return new Outcome("APPLIED", applied, null);
        }

        public static Outcome stillFailing(UUID quarantined) {
            return new Outcome("STILL_FAILING", 0, quarantined);
        }

        public static Outcome stoppedAtLaterEvent(int applied, UUID quarantined) {
            return new Outcome("STOPPED_AT_LATER_EVENT", applied, quarantined);
        }
    }

    /** A retry met a transient fault: nothing was resolved; try again once the resource is back. */
    class RetryUnavailable extends RuntimeException {
        public RetryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
