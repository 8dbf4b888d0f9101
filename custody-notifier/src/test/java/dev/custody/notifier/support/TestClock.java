package dev.custody.notifier.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock that ticks with real time but can be moved: the dispatcher's backoff still runs, and tests pick the hour. */
public final class TestClock extends Clock {

    public static final TestClock INSTANCE = new TestClock();

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
        // PostgreSQL keeps microseconds: so do the instants tests compare with what it stored.
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
