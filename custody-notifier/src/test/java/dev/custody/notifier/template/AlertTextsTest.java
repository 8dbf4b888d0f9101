package dev.custody.notifier.template;

import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Supervisors read every alert rule in English and in Welsh, and a finding is never called a missed deadline. */
class AlertTextsTest {

    @ParameterizedTest
    @EnumSource(AlertRule.class)
    void everyAlertRuleIsDescribedInEnglishAndInWelsh(AlertRule rule) {
        Localised description = AlertTexts.describe(rule);
        assertThat(description.en()).isNotBlank();
        assertThat(description.cy()).isNotBlank().isNotEqualTo(description.en());
        for (AlertSeverity severity : AlertSeverity.values()) {
            Localised label = AlertTexts.severity(rule, severity);
            assertThat(label.en()).isNotBlank();
            assertThat(label.cy()).isNotBlank().isNotEqualTo(label.en());
        }
    }

    @Test
    void aSealFindingReachesSupervisorsAsAChainOfCustodyRiskInBothLanguages() {
        Map<String, Object> values = TemplatesTest.allValues();
        values.put("ruleName", AlertRule.SEAL_INTEGRITY.name());
        values.put("ruleDescription", AlertTexts.describe(AlertRule.SEAL_INTEGRITY));
        values.put("severity", AlertTexts.severity(AlertRule.SEAL_INTEGRITY, AlertSeverity.BREACH));
        TemplateRenderer renderer = new TemplateRenderer(new TemplateStore(null));

        RenderedMessage en = renderer.render(Template.SUPERVISOR_ALERT, MessageLanguage.EN, values);
        assertThat(en.subject()).isEqualTo("Custody alert: SEAL_INTEGRITY (chain of custody at risk)");
        assertThat(en.body()).contains("a seal found broken, or not the one recorded at seizure")
                .doesNotContain("deadline missed", "custody deadline");

        RenderedMessage cy = renderer.render(Template.SUPERVISOR_ALERT, MessageLanguage.CY, values);
        assertThat(cy.subject()).isEqualTo("Rhybudd Custody: SEAL_INTEGRITY (cadwyn y gadwraeth mewn perygl)");
        assertThat(cy.body()).contains("sêl wedi'i chanfod wedi torri").doesNotContain("terfyn amser wedi'i fethu");
    }

    @Test
    void aDeadlineRuleKeepsItsWarningAndBreachLabels() {
        assertThat(AlertTexts.severity(AlertRule.RETURN_24H, AlertSeverity.BREACH).en()).isEqualTo("deadline missed");
        assertThat(AlertTexts.severity(AlertRule.RETURN_24H, AlertSeverity.WARNING).cy()).isEqualTo("rhybudd");
    }
}
