package dev.custody.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock that runs with real time but can be moved: backoff and polling loops still advance, and tests pick the
 * hour. Instants are cut to microseconds, as PostgreSQL keeps them, so they compare equal with what it stored.
 */
public final class TickingClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Clock.systemUTC().instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    public void set(Instant now) {
        offset = Duration.between(Clock.systemUTC().instant(), now);
    }

    public void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    public void reset() {
        offset = Duration.ZERO;
    }
}
