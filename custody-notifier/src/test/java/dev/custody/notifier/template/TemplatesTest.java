package dev.custody.notifier.template;

import dev.custody.notifier.template.TemplateText.InvalidTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {

    private final TemplateRenderer renderer = new TemplateRenderer(new TemplateStore(null));

    @ParameterizedTest
    @EnumSource(Template.class)
    void everyTemplateExistsInBothLanguagesWithOnlyKnownPlaceholdersAndAllRequiredOnes(Template template) {
        TemplateStore store = new TemplateStore(null);
        for (MessageLanguage language : new MessageLanguage[]{MessageLanguage.EN, MessageLanguage.CY}) {
            TemplateText text = store.get(template, language);
            assertThat(template.allowed()).containsAll(text.names());
            assertThat(text.unconditionalBodyNames()).containsAll(template.required());
        }
        assertThat(store.get(template, MessageLanguage.EN).body())
                .isNotEqualTo(store.get(template, MessageLanguage.CY).body());
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void everyTemplateRendersWithoutLeftoverPlaceholders(Template template) {
        for (MessageLanguage language : MessageLanguage.values()) {
            RenderedMessage message = renderer.render(template, language, allValues());
            assertThat(message.subject()).isNotBlank().doesNotContain("{{");
            assertThat(message.body()).isNotBlank().doesNotContain("{{").doesNotContain("}}");
        }
    }

    @Test
    void victimMessagesNameNoOffenceCaseOrOfficer() {
        for (Template template : Template.values()) {
            if (template.audience() != Template.Audience.VICTIM) {
                continue;
            }
            String text = renderer.render(template, MessageLanguage.BILINGUAL, allValues()).body().toLowerCase();
            assertThat(text).doesNotContain("offence", "rape", "assault", "crime", "case", "officer", "suspect",
                    "trosedd", "achos", "swyddog", "isva");
            assertThat(text).contains("0300 123 4567", "4bfb1336");
        }
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void everyVictimMessageCarriesItsStatusLinkInEveryLanguageAndNoOtherMessageDoes(Template template) {
        boolean victim = template.audience() == Template.Audience.VICTIM;
        assertThat(template.required().contains("statusLink")).isEqualTo(victim);
        for (MessageLanguage language : MessageLanguage.values()) {
            String body = renderer.render(template, language, allValues()).body();
            assertThat(body.contains(LINK)).as(template + " in " + language).isEqualTo(victim);
        }
        if (victim) {
            assertThat(renderer.render(template, MessageLanguage.EN, allValues()).body())
                    .contains("See the latest about your device at any time: " + LINK, "Please do not share it.");
            assertThat(renderer.render(template, MessageLanguage.CY, allValues()).body())
                    .contains("Gallwch weld y wybodaeth ddiweddaraf am eich dyfais ar unrhyw adeg: " + LINK,
                            "Peidiwch â'i rhannu.");
        }
    }

    @Test
    void aForceOverrideWithoutTheStatusLinkStopsStartUp(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("regular-update.en.txt"), "Subject: x\n\nStill here: {{reference}}. "
                + "Questions: {{forceName}}, {{contactNumber}}. Every {{updateEveryDays}} days.");
        assertThatThrownBy(() -> new TemplateStore(dir)).isInstanceOf(InvalidTemplate.class)
                .hasMessageContaining("regular-update.en.txt").hasMessageContaining("missing placeholder(s) [statusLink]");
    }

    @Test
    void welshIsUsedForWelshReadersWithWelshDates() {
        RenderedMessage message = renderer.render(Template.RETENTION_EXTENDED, MessageLanguage.CY, allValues());
        assertThat(message.subject()).isEqualTo("Diweddariad am eich dyfais");
        assertThat(message.body()).contains("Mae angen i ni gadw eich dyfais", "tan 3 Rhagfyr 2026",
                "Heddlu Dyfed-Powys", "Y rheswm yw: The phone is needed for a second examination");
    }

    @Test
    void unknownPreferenceGetsWelshFirstThenEnglish() {
        RenderedMessage message = renderer.render(Template.READY_FOR_COLLECTION, MessageLanguage.BILINGUAL, allValues());
        assertThat(message.subject()).isEqualTo("Mae eich dyfais yn barod i'w chasglu / Your device is ready to collect");
        assertThat(message.body().indexOf("Mae eich dyfais")).isLessThan(message.body().indexOf("Your device"));
        assertThat(message.body()).contains(TemplateRenderer.BILINGUAL_DIVIDER.strip());
    }

    @Test
    void anUnknownEstimateLeavesItsSentenceOut() {
        Map<String, Object> values = allValues();
        values.keySet().removeIf(k -> k.startsWith("expected"));
        String en = renderer.render(Template.SEIZURE_RECEIPT, MessageLanguage.EN, values).body();
        assertThat(en).doesNotContain("We expect to return it").doesNotContain("\n\n\n");
        String withEstimate = renderer.render(Template.SEIZURE_RECEIPT, MessageLanguage.EN, allValues()).body();
        assertThat(withEstimate).contains("We expect to return it around 3 December 2026, and between "
                + "1 December 2026 and 10 December 2026");
    }

    @Test
    void aMissingValueIsAnErrorNotAGap() {
        Map<String, Object> values = allValues();
        values.remove("contactNumber");
        assertThatThrownBy(() -> renderer.render(Template.DEVICE_RETURNED, MessageLanguage.EN, values))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("contactNumber");
    }

    @Test
    void anUnknownPlaceholderIsRefused() {
        TemplateText text = TemplateText.parse("t", "Subject: x\n\nCall {{forceName}} on {{contactNumbr}} about {{reference}}");
        assertThatThrownBy(() -> text.check(Template.DEVICE_RETURNED.allowed(), Template.DEVICE_RETURNED.required()))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("unknown placeholder(s) [contactNumbr]");
    }

    @Test
    void aMissingRequiredPlaceholderIsRefused() {
        TemplateText text = TemplateText.parse("t", "Subject: x\n\nCall {{forceName}} about {{reference}} {{statusLink}}");
        assertThatThrownBy(() -> text.check(Template.DEVICE_RETURNED.allowed(), Template.DEVICE_RETURNED.required()))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("missing placeholder(s) [contactNumber]");
        TemplateText onlyInSection = TemplateText.parse("t",
                "Subject: x\n\n{{#expectedReturn}}Call {{forceName}} on {{contactNumber}}{{/expectedReturn}} {{reference}} "
                        + "{{statusLink}}");
        assertThatThrownBy(() -> onlyInSection.check(Template.SEIZURE_RECEIPT.allowed(), Template.SEIZURE_RECEIPT.required()))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("missing placeholder(s)");
    }

    @Test
    void malformedTemplatesAreRefused() {
        assertThatThrownBy(() -> TemplateText.parse("t", "Hello {{reference}}"))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("Subject");
        assertThatThrownBy(() -> TemplateText.parse("t", "Subject: x\n\n{{#expectedReturn}} never closed"))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("t: ").hasMessageContaining("expectedReturn");
        assertThatThrownBy(() -> TemplateText.parse("t", "Subject: x\n\n{{/expectedReturn}} closes nothing"))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("expectedReturn");
        assertThatThrownBy(() -> TemplateText.parse("t", "Subject: x\n\nHello {{reference"))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("'{{'");
        assertThatThrownBy(() -> TemplateText.parse("t", "Subject: x\n\nHello {{>reference}}"))
                .isInstanceOf(InvalidTemplate.class).hasMessageContaining("partials");
    }

    @Test
    void textIsPlainAndMustacheSpacingIsAllowed() {
        TemplateText text = TemplateText.parse("t", "Subject: {{ reference }}\n\nAt {{forceName}} & <b>co</b>");
        RenderedMessage message = text.render(Map.of("reference", "R<1>", "forceName", "Smith & Jones"));
        assertThat(message.subject()).isEqualTo("R<1>");
        assertThat(message.body()).isEqualTo("At Smith & Jones & <b>co</b>");
    }

    @Test
    void aSectionInsideASectionAndAnInvertedSectionFollowTheirValues() {
        TemplateText text = TemplateText.parse("t",
                "Subject: x\n\n{{#a}}A{{#b}}B{{/b}}{{/a}}{{^a}}no A{{/a}} {{reference}}");
        assertThat(text.names()).containsExactlyInAnyOrder("a", "b", "reference");
        assertThat(text.unconditionalBodyNames()).containsExactly("a", "reference");
        assertThat(text.render(Map.of("a", "1", "b", "1", "reference", "R")).body()).isEqualTo("AB R");
        assertThat(text.render(Map.of("a", "1", "reference", "R")).body()).isEqualTo("A R");
        assertThat(text.render(Map.of("a", "", "reference", "R")).body()).isEqualTo("no A R");
        assertThat(text.render(Map.of("reference", "R")).body()).isEqualTo("no A R");
    }

    @Test
    void aForceOverridesOneTemplateAndKeepsTheRest(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("device-returned.en.txt"),
                "Subject: Your phone is back\n\nWe gave back device {{reference}}. Questions: {{forceName}}, "
                        + "{{contactNumber}}. {{statusLink}}");
        TemplateRenderer forceRenderer = new TemplateRenderer(new TemplateStore(dir));
        assertThat(forceRenderer.render(Template.DEVICE_RETURNED, MessageLanguage.EN, allValues()).subject())
                .isEqualTo("Your phone is back");
        assertThat(forceRenderer.render(Template.DEVICE_RETURNED, MessageLanguage.CY, allValues()).subject())
                .isEqualTo("Diweddariad am eich dyfais");
    }

    @Test
    void aForceOverrideWithATypoStopsStartUp(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ready-for-collection.cy.txt"),
                "Subject: x\n\n{{reference}} {{forceName}} {{contactNumber}} {{referance}}");
        assertThatThrownBy(() -> new TemplateStore(dir)).isInstanceOf(InvalidTemplate.class)
                .hasMessageContaining("ready-for-collection.cy.txt").hasMessageContaining("referance");
    }

    @Test
    void requiredPlaceholdersOfVictimMessagesIncludeReferenceContactNumberAndStatusLink() {
        assertThat(Template.REGULAR_UPDATE.required())
                .containsAll(Set.of("reference", "forceName", "contactNumber", "statusLink"));
        assertThat(Template.SUPERVISOR_ALERT.required()).doesNotContain("contactNumber");
    }

    static final String LINK = "https://custody.example/status/Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";

    static Map<String, Object> allValues() {
        Map<String, Object> values = new HashMap<>();
        values.put("statusLink", LINK);
        values.put("reference", "4BFB1336");
        values.put("forceName", new Localised("Dyfed-Powys Police", "Heddlu Dyfed-Powys"));
        values.put("contactNumber", "0300 123 4567");
        values.put("expectedReturn", "yes");
        values.put("expectedLikely", LocalDate.of(2026, 12, 3));
        values.put("expectedEarliest", LocalDate.of(2026, 12, 1));
        values.put("expectedLatest", LocalDate.of(2026, 12, 10));
        values.put("retainedUntil", LocalDate.of(2026, 12, 3));
        values.put("retentionReason", "The phone is needed for a second examination");
        values.put("updateEveryDays", "28");
        values.put("deviceId", "4bfb1336-c47d-4b3a-90b2-4b939887711c");
        values.put("ruleName", "RETURN_24H");
        values.put("ruleDescription", new Localised("not returned", "heb ei dychwelyd"));
        values.put("severity", new Localised("deadline missed", "terfyn amser wedi'i fethu"));
        values.put("ownerRole", new Localised("victim", "dioddefwr"));
        values.put("dueAt", Instant.parse("2026-11-25T10:00:00Z"));
        values.put("raisedAt", Instant.parse("2026-11-25T10:00:05Z"));
        return values;
    }
}
