package dev.custody.notifier.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * When a person's contact details are erased automatically: a fixed time after the last of their devices came back.
 * While any device linked to the details is still held, nothing is scheduled: the person must still be told about it.
 * A re-seizure therefore cancels a scheduled erasure. Details that were never linked to a device are erased the same
 * time after they were last changed, so an abandoned registration does not stay for ever.
 */
public final class ErasurePolicy {

    /** A device linked to a contact: when it was returned, or null while it is held. */
    public record Holding(Instant returnedAt) {
        public boolean held() {
            return returnedAt == null;
        }
    }

    private final Duration afterReturn;

    public ErasurePolicy(Duration afterReturn) {
        if (afterReturn.isNegative()) {
            throw new IllegalArgumentException("erase-after-return must not be negative");
        }
        this.afterReturn = afterReturn;
    }

    /** Empty while a device is held. */
    public Optional<Instant> eraseAfter(Collection<Holding> holdings, Instant lastChangedAt) {
        if (holdings.isEmpty()) {
            return Optional.of(lastChangedAt.plus(afterReturn));
        }
        if (holdings.stream().anyMatch(Holding::held)) {
            return Optional.empty();
        }
        return holdings.stream().map(Holding::returnedAt).max(Instant::compareTo).map(last -> last.plus(afterReturn));
    }
}
