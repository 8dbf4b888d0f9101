package dev.custody.notifier.inbox;

import java.time.Duration;
import java.time.Instant;

/**
 * Messages are sent only for events recorded recently. A notifier reading old history (a new deployment, a reset
 * consumer group) brings its state up to date without messaging people about things long past.
 */
public final class FreshnessPolicy {

    private final Duration maxAge;

    public FreshnessPolicy(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public boolean fresh(Instant recordedAt, Instant now) {
        return !recordedAt.isBefore(now.minus(maxAge));
    }
}
