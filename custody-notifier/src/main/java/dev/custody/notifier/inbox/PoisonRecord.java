package dev.custody.notifier.inbox;

/** A record that can never be handled, however often it is retried: it is parked on the dead-letter topic at once. */
public class PoisonRecord extends RuntimeException {
    public PoisonRecord(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonRecord(String message) {
        super(message);
    }
}
