package dev.custody.notifier.contact;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeHoursTest {

    private final SafeHours daytime = new SafeHours(LocalTime.of(9, 0), LocalTime.of(20, 0), SafeHours.LONDON);

    @Test
    void insideTheWindowAMessageGoesAtOnce() {
        Instant noonWinter = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(daytime.allows(noonWinter)).isTrue();
        assertThat(daytime.nextOpening(noonWinter)).isEqualTo(noonWinter);
        assertThat(daytime.allows(Instant.parse("2026-12-01T09:00:00Z"))).isTrue();
        assertThat(daytime.allows(Instant.parse("2026-12-01T20:00:00Z"))).as("until is exclusive").isFalse();
    }

    @Test
    void lateAtNightAMessageWaitsForNineTheNextMorning() {
        assertThat(daytime.nextOpening(Instant.parse("2026-12-01T23:30:00Z")))
                .isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
    }

    @Test
    void earlyInTheMorningItWaitsForNineTheSameDay() {
        assertThat(daytime.nextOpening(Instant.parse("2026-12-01T06:15:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void summerTimeIsLondonWallClockTime() {
        // 08:30 UTC in July is 09:30 in London: inside the window.
        assertThat(daytime.allows(Instant.parse("2026-07-01T08:30:00Z"))).isTrue();
        // 07:30 UTC is 08:30 BST: held until 09:00 BST = 08:00 UTC.
        assertThat(daytime.nextOpening(Instant.parse("2026-07-01T07:30:00Z")))
                .isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    }

    @Test
    void aWindowAcrossMidnightIsHonoured() {
        SafeHours nights = new SafeHours(LocalTime.of(20, 0), LocalTime.of(8, 0), SafeHours.LONDON);
        assertThat(nights.allows(Instant.parse("2026-12-01T23:00:00Z"))).isTrue();
        assertThat(nights.allows(Instant.parse("2026-12-01T03:00:00Z"))).isTrue();
        assertThat(nights.allows(Instant.parse("2026-12-01T12:00:00Z"))).isFalse();
        assertThat(nights.nextOpening(Instant.parse("2026-12-01T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-01T20:00:00Z"));
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> new SafeHours(LocalTime.NOON, LocalTime.NOON, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
