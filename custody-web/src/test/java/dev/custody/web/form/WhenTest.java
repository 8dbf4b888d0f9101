package dev.custody.web.form;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WhenTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123456Z");

    @Test
    void nothingGivenIsTheMomentOfSubmittingToTheSecond() {
        assertThat(When.now().resolve(NOW).instant()).isEqualTo(Instant.parse("2026-12-01T10:15:30Z"));
        assertThat(new When("", " ", null, "").resolve(NOW).instant()).isEqualTo(Instant.parse("2026-12-01T10:15:30Z"));
    }

    @Test
    void anEarlierDateAndTimeIsUkTime() {
        assertThat(new When("27", "7", "2026", "14:30").resolve(NOW).instant())
                .as("British Summer Time").isEqualTo(Instant.parse("2026-07-27T13:30:00Z"));
        assertThat(new When("27", "11", "2026", "9.05").resolve(NOW).instant())
                .isEqualTo(Instant.parse("2026-11-27T09:05:00Z"));
    }

    @Test
    void eachMistakeHasItsOwnMessageForTheOccurredAtField() {
        assertThat(new When("", "11", "2026", "14:30").resolve(NOW).error()).startsWith("Enter the date");
        assertThat(new When("31", "2", "2026", "14:30").resolve(NOW).error()).startsWith("Enter a real date");
        assertThat(new When("27", "11", "2026", " ").resolve(NOW).error()).startsWith("Enter the time");
        assertThat(new When("27", "11", "2026", "25:00").resolve(NOW).error())
                .startsWith("Enter the time in 24-hour format");
        assertThat(When.FIELD).isEqualTo("occurredAt");
    }
}
