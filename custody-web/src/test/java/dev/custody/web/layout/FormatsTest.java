package dev.custody.web.layout;

import dev.custody.queries.ExpectedReturn;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages show codes of the contract in words: never an alert rule's code name, and sentences that start as such. */
class FormatsTest {

    private final Formats formats = new Formats(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(AlertRule.class)
    void everyAlertRuleReadsAsWordsWhetherGivenAsItsEnumOrItsName(AlertRule rule) {
        assertThat(formats.words(rule)).doesNotContain("_").isEqualTo(formats.words(rule.name()));
        assertThat(formats.why(rule.name())).doesNotContain(rule.name()).matches("^[A-Z].*");
    }

    @Test
    void rulesAndSeveritiesUseTheContractsOneLabel() {
        assertThat(formats.words("RETURN_24H")).isEqualTo("Return within 24 hours");
        assertThat(formats.words(AlertSeverity.BREACH)).isEqualTo("Breach");
        assertThat(formats.why("RETURN_24H")).isEqualTo("A victim's or witness's device not returned within 24 hours");
        assertThat(formats.meaning("RETURN_24H", "BREACH")).isEqualTo("Deadline missed");
        assertThat(formats.meaning("SEAL_INTEGRITY", "BREACH")).isEqualTo("Chain of custody at risk");
    }

    @Test
    void theMostLikelyReturnAndItsBasisAreSentences() {
        ExpectedReturn ready = new ExpectedReturn(new DeviceId(UUID.randomUUID()), LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 2), "ready for collection now");
        assertThat(formats.likely(ready)).isEqualTo("Most likely 1 December 2026. Ready for collection now.");
        ExpectedReturn queued = new ExpectedReturn(new DeviceId(UUID.randomUUID()), LocalDate.of(2026, 12, 3),
                LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 9), "2 device(s) ahead in the queue at dfu.");
        assertThat(formats.likely(queued)).isEqualTo("Most likely 3 December 2026. 2 device(s) ahead in the queue at dfu.");
    }
}
