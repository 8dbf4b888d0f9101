package dev.custody.device;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code custody.rules.justification.*} reaches the custody rules: the minimum and the placeholder list. */
class CustodyRulesPropertiesTest {

    private static CustodyPolicy bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("custody.rules", CustodyRulesProperties.class).toPolicy();
    }

    @Test
    void withNothingSetTheDefaultsApply() {
        assertThat(bind(Map.of()).substance()).isEqualTo(RecordSubstance.DEFAULT);
    }

    @Test
    void aDeploymentSetsTheMinimumAndReplacesThePlaceholders() {
        RecordSubstance substance = bind(Map.of("custody.rules.justification.min-letters", "30",
                "custody.rules.justification.placeholders[0]", "As per MG11",
                "custody.rules.justification.placeholders[1]", "n/a")).substance();
        assertThat(substance.minLetters()).isEqualTo(30);
        assertThat(substance.hasSubstance("As per MG11: messages from the suspect in March")).isTrue();
        assertThat(substance.hasSubstance("AS PER MG-11")).as("a placeholder, written any way").isFalse();
        assertThat(substance.hasSubstance("Messages from the suspect in March and April")).isTrue();
        assertThat(substance.hasSubstance("Messages in March")).as("fewer than 30 letters").isFalse();
        assertThat(substance.placeholders()).doesNotContain("none").as("the default list was replaced");
    }
}
