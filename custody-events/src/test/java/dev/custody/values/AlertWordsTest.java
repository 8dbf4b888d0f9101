package dev.custody.values;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule and severity has words a person reads, never its code name, and no two rules share a label. */
class AlertWordsTest {

    @ParameterizedTest
    @EnumSource(AlertRule.class)
    void everyRuleHasALabelAndADescriptionInBothLanguagesThatAreNotItsCodeName(AlertRule rule) {
        assertThat(AlertWords.label(rule)).isNotBlank().doesNotContain("_").isNotEqualToIgnoringCase(rule.name());
        AlertWords.Words description = AlertWords.description(rule);
        assertThat(description.en()).isNotBlank().doesNotContain(rule.name());
        assertThat(description.cy()).isNotBlank().isNotEqualTo(description.en());
        for (AlertSeverity severity : AlertSeverity.values()) {
            AlertWords.Words meaning = AlertWords.severity(rule, severity);
            assertThat(meaning.en()).isNotBlank();
            assertThat(meaning.cy()).isNotBlank().isNotEqualTo(meaning.en());
        }
    }

    @Test
    void noTwoRulesShareALabel() {
        List<String> labels = Arrays.stream(AlertRule.values()).map(AlertWords::label).toList();
        assertThat(new HashSet<>(labels)).hasSameSizeAs(labels);
    }

    @Test
    void severitiesReadAsWordsAndAFindingIsNeverAMissedDeadline() {
        assertThat(AlertWords.severity(AlertSeverity.WARNING)).isEqualTo("Warning");
        assertThat(AlertWords.severity(AlertSeverity.BREACH)).isEqualTo("Breach");
        assertThat(AlertWords.severity(AlertRule.RETURN_24H, AlertSeverity.BREACH).en()).isEqualTo("deadline missed");
        assertThat(AlertWords.severity(AlertRule.SEAL_INTEGRITY, AlertSeverity.BREACH).en())
                .isEqualTo("chain of custody at risk");
    }
}
