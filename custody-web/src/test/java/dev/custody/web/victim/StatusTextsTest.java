package dev.custody.web.victim;

import dev.custody.notifier.template.Localised;
import dev.custody.notifier.template.MessageLanguage;
import dev.custody.notifier.template.Template;
import dev.custody.queries.ExpectedReturn;
import dev.custody.values.DeviceId;
import dev.custody.web.victim.StatusTexts.NoticeKind;
import dev.custody.web.victim.StatusTexts.Part;
import dev.custody.web.victim.VictimStatus.LastMessage;
import dev.custody.web.victim.VictimStatus.Replacement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page says everything in Welsh and in English, from bundles with the same keys. */
class StatusTextsTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");
    private final StatusTexts texts = new StatusTexts();

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = StatusTextsTest.class.getClassLoader().getResourceAsStream("victim/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void everyKeyIsInBothLanguagesWithTheSameArgumentsAndNoPlainApostrophe() throws IOException {
        Properties en = bundle("messages.properties");
        Properties cy = bundle("messages_cy.properties");
        assertThat(new TreeSet<>(cy.stringPropertyNames())).as("keys missing from or extra in Welsh")
                .isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            String english = en.getProperty(key);
            String welsh = cy.getProperty(key);
            assertThat(english).as(key).isNotBlank().doesNotContain("'");
            assertThat(welsh).as(key).isNotBlank().doesNotContain("'");
            assertThat(arguments(welsh)).as("arguments of " + key).isEqualTo(arguments(english));
        }
    }

    /** The page never names the offence, the case, the officer or what was found, in either language. */
    @Test
    void noMessageNamesTheOffenceTheCaseTheOfficerOrWhatWasFound() throws IOException {
        for (String name : List.of("messages.properties", "messages_cy.properties")) {
            Properties bundle = bundle(name);
            for (String key : bundle.stringPropertyNames()) {
                assertThat(bundle.getProperty(key).toLowerCase()).as(name + " " + key).doesNotContain("offence",
                        "crime", "rape", "assault", "case", "officer", "suspect", "evidence", "finding", "found on",
                        "isva", "trosedd", "achos", "swyddog", "tystiolaeth", "amau", "canfod");
            }
        }
    }

    @Test
    void theWelshIsWelsh() throws IOException {
        Properties en = bundle("messages.properties");
        Properties cy = bundle("messages_cy.properties");
        // Only the languages' own names read the same in both.
        Set<String> same = new TreeSet<>();
        for (String key : en.stringPropertyNames()) {
            if (en.getProperty(key).equals(cy.getProperty(key))) {
                same.add(key);
            }
        }
        assertThat(same).containsExactlyInAnyOrder("status.language.cy", "status.language.en");
    }

    @Test
    void everyVictimMessageHasItsSummaryOnThePage() throws IOException {
        Properties en = bundle("messages.properties");
        for (Template template : Template.values()) {
            boolean summarised = en.containsKey("status.last." + template.fileName());
            assertThat(summarised).as(template.fileName()).isEqualTo(template.audience() == Template.Audience.VICTIM);
        }
    }

    @Test
    void everyStateReadsAsFinishedSentencesInEveryLanguage() {
        int pages = 0;
        for (VictimStatus status : everyState()) {
            for (MessageLanguage language : MessageLanguage.values()) {
                List<Part> parts = texts.parts(status, language);
                assertThat(parts).hasSize(language == MessageLanguage.BILINGUAL ? 2 : 1);
                for (Part part : parts) {
                    for (String text : texts(part)) {
                        assertThat(text).as(status + " in " + language).doesNotContain("{", "}", "''", "null",
                                "status.");
                    }
                }
                pages++;
            }
        }
        assertThat(pages).isGreaterThan(500);
    }

    @Test
    void aWelshReaderReadsWelshWithWelshDates() {
        Part part = texts.part(state(WhereItIs.AT_LAB, null, Replacement.LENT, "replacement-issued", false),
                MessageLanguage.CY);
        assertThat(part.lang()).isEqualTo("cy");
        assertThat(part.whereTag()).isEqualTo("Yn y labordy");
        assertThat(part.expectedText()).isEqualTo("Rydym yn disgwyl ei dychwelyd rhwng 1 Rhagfyr 2026 a 10 Rhagfyr 2026."
                + " Amcangyfrif yw hwn, nid addewid.");
        assertThat(part.replacementText()).startsWith("Gwnaethom roi benthyg ffôn dros dro i chi ar 25 Tachwedd 2026.");
        assertThat(part.lastSent()).isEqualTo("Anfonwyd ar 26 Tachwedd 2026.");
        assertThat(part.contactText()).isEqualTo("Ffoniwch Heddlu Dyfed-Powys a rhowch y cyfeirnod 4BFB1336.");
        assertThat(part.phoneHref()).isEqualTo("tel:03001234567");
    }

    @Test
    void aReturnedDeviceSaysWhenAndExpectsNothing() {
        Part part = texts.part(state(WhereItIs.RETURNED, Instant.parse("2026-12-05T15:00:00Z"), Replacement.NONE,
                "device-returned", false), MessageLanguage.EN);
        assertThat(part.whereText()).isEqualTo("Your device was returned on 5 December 2026.");
        assertThat(part.expectedHeading()).isNull();
        assertThat(part.replacementText()).isEqualTo("We did not lend you a replacement phone.");
    }

    @Test
    void aSupportWorkerIsMentionedWithoutNamingTheirRole() {
        Part part = texts.part(state(WhereItIs.WITH_POLICE, null, Replacement.NONE, null, true), MessageLanguage.EN);
        assertThat(part.supportText()).isEqualTo("Your support worker can also help you.");
        assertThat(String.join(" ", texts(part)).toLowerCase()).doesNotContain("isva", "sexual", "violence", "advis");
        assertThat(part.lastText()).isEqualTo("We have not sent you a message yet.");
    }

    @Test
    void aBilingualPageIsWelshFirstAndItsLanguageLinksAreRelative() {
        StatusTexts.Frame frame = texts.frame(MessageLanguage.BILINGUAL, "status.heading");
        assertThat(frame.htmlLang()).isEqualTo("cy");
        assertThat(frame.title()).isEqualTo("Diweddariad am eitem / Update on an item");
        assertThat(frame.exit().text()).isEqualTo("Gadael y dudalen hon / Exit this page");
        assertThat(frame.headings()).extracting(StatusTexts.Heading::lang).containsExactly("cy", "en");
        assertThat(frame.languages()).extracting(StatusTexts.LanguageLink::href).containsExactly("?lang=cy", "?lang=en");
        assertThat(frame.languages()).noneMatch(StatusTexts.LanguageLink::current);

        StatusTexts.Frame english = texts.frame(MessageLanguage.EN, "status.heading");
        assertThat(english.htmlLang()).isEqualTo("en");
        assertThat(english.title()).isEqualTo("Update on an item");
        assertThat(english.languages()).filteredOn(StatusTexts.LanguageLink::current)
                .extracting(StatusTexts.LanguageLink::code).containsExactly("en");
    }

    @Test
    void noticesAreInTheLanguageAskedForOrBoth() {
        assertThat(texts.notices(NoticeKind.UNKNOWN, MessageLanguage.BILINGUAL))
                .extracting(StatusTexts.Notice::lang).containsExactly("cy", "en");
        assertThat(texts.notices(NoticeKind.BUSY, StatusTexts.pageLanguage("en", MessageLanguage.BILINGUAL)))
                .singleElement().satisfies(n -> assertThat(n.heading()).isEqualTo("Too many requests"));
        assertThat(StatusTexts.pageLanguage("fr", MessageLanguage.CY)).isEqualTo(MessageLanguage.CY);
        assertThat(StatusTexts.pageLanguage(null, MessageLanguage.EN)).isEqualTo(MessageLanguage.EN);
    }

    private static List<VictimStatus> everyState() {
        List<VictimStatus> states = new ArrayList<>();
        List<String> templates = new ArrayList<>(Arrays.stream(Template.values())
                .filter(t -> t.audience() == Template.Audience.VICTIM).map(Template::fileName).toList());
        templates.add(null);
        for (WhereItIs where : WhereItIs.values()) {
            Instant returned = where == WhereItIs.RETURNED ? Instant.parse("2026-12-05T15:00:00Z") : null;
            for (Replacement replacement : Replacement.values()) {
                for (String template : templates) {
                    for (boolean support : new boolean[]{false, true}) {
                        states.add(state(where, returned, replacement, template, support));
                        states.add(withoutEstimate(state(where, returned, replacement, template, support)));
                    }
                }
            }
        }
        return states;
    }

    private static VictimStatus state(WhereItIs where, Instant returnedAt, Replacement replacement, String template,
                                      boolean support) {
        ExpectedReturn expected = returnedAt != null ? null : new ExpectedReturn(
                DeviceId.of("4bfb1336-c47d-4b3a-90b2-4b939887711c"), LocalDate.of(2026, 12, 3),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 10), "basis never shown");
        return new VictimStatus("4BFB1336", where, returnedAt, expected, replacement,
                replacement == Replacement.LENT ? Instant.parse("2026-11-25T10:00:00Z") : null, MessageLanguage.EN,
                support, new Localised("Dyfed-Powys Police", "Heddlu Dyfed-Powys"), "0300 123 4567",
                template == null ? null : new LastMessage(template, Instant.parse("2026-11-26T09:00:00Z"),
                        "retention-extended".equals(template) ? LocalDate.of(2027, 1, 15) : null));
    }

    private static VictimStatus withoutEstimate(VictimStatus s) {
        return new VictimStatus(s.reference(), s.where(), s.returnedAt(), null, s.replacement(), s.replacementSince(),
                s.language(), s.viaSupport(), s.forceName(), s.contactNumber(), s.lastMessage());
    }

    /** Every text of a part that is shown. */
    private static List<String> texts(Part part) {
        List<String> texts = new ArrayList<>();
        for (var component : Part.class.getRecordComponents()) {
            try {
                Object value = component.getAccessor().invoke(part);
                if (value != null) {
                    texts.add(value.toString());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    private static Set<String> arguments(String message) {
        Set<String> arguments = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(message);
        while (m.find()) {
            arguments.add(m.group(1));
        }
        return arguments;
    }
}
