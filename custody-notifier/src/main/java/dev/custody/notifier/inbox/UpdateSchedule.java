package dev.custody.notifier.inbox;

import dev.custody.values.VictimCare;

import java.time.Duration;
import java.time.Instant;

/**
 * The regular update: every {@code updateEveryDays} agreed at seizure, counted from the last time the victim heard
 * from us (any VictimNotified, including an officer's call), or from the seizure. The default is 28 days, the
 * Victims' Code's monthly update.
 */
public final class UpdateSchedule {

    private final int defaultDays;

    public UpdateSchedule(Duration defaultEvery) {
        this.defaultDays = (int) Math.max(1, defaultEvery.toDays());
    }

    public int everyDays(VictimCare care) {
        return care == null || care.updateEveryDays() <= 0 ? defaultDays : care.updateEveryDays();
    }

    public Instant nextDue(Instant lastHeard, int everyDays) {
        return lastHeard.plus(Duration.ofDays(everyDays));
    }
}
