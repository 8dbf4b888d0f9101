package dev.custody.web.victim;

import dev.custody.notifier.template.MessageLanguage;
import dev.custody.notifier.template.TemplateRenderer;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status page's words, in Welsh and English, from the bundles {@code victim/messages.properties} and
 * {@code victim/messages_cy.properties}. Every sentence is built here from a {@link VictimStatus}, so the templates
 * only place finished text, and a test can render every state in both languages. A missing key fails loudly
 * ({@code NoSuchMessageException}) rather than showing a code.
 * <p>
 * Every message goes through {@link java.text.MessageFormat}, so the bundles write apostrophes as {@code ’}
 * (U+2019): a plain {@code '} would start a MessageFormat quote and vanish.
 */
@Component
class StatusTexts {

    static final String BUNDLE = "victim/messages";
    static final Locale WELSH = Locale.forLanguageTag("cy");
    /** GOV.UK's default for the Exit this page button: a neutral page with no back history to this one. */
    static final String EXIT_TO = "https://www.bbc.co.uk/weather";

    /** The frame around every status page: the title, skip link, Exit this page button and language links. */
    record Frame(String htmlLang, String title, String skip, Exit exit, String languagesLabel,
                 List<LanguageLink> languages, List<Heading> headings) {
    }

    record Exit(String href, String text, String hidden, String activated, String timedOut, String pressTwo,
                String pressOne) {
    }

    /** @param href relative to the page ({@code ?lang=cy}), so a page never repeats its own token */
    record LanguageLink(String code, String name, String href, boolean current) {
    }

    record Heading(String lang, String text) {
    }

    /** One language's part of the status page; a null heading leaves its section out. */
    record Part(String lang, String reference, String whereHeading, String whereTag, String whereTagClass,
                String whereText, String expectedHeading, String expectedText, String replacementHeading,
                String replacementText, String lastHeading, String lastSent, String lastText, String contactHeading,
                String contactText, String phoneLabel, String phone, String phoneHref, String supportText,
                String privateHidden, String privateText) {
    }

    /** One language's part of a page without a status: an unknown link, too many requests, or a failure. */
    record Notice(String lang, String heading, String text) {
    }

    /** The pages that show no status. */
    enum NoticeKind {
        UNKNOWN("unknown"),
        BUSY("busy"),
        FAILED("failed");

        final String key;

        NoticeKind(String key) {
            this.key = key;
        }
    }

    private final ResourceBundleMessageSource messages = bundle();

    static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(BUNDLE);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setAlwaysUseMessageFormat(true);
        return source;
    }

    /** The languages a page is in, Welsh first: those asked for ({@code cy}, {@code en}), else the preference. */
    static MessageLanguage pageLanguage(String asked, MessageLanguage preference) {
        if ("cy".equals(asked)) {
            return MessageLanguage.CY;
        }
        if ("en".equals(asked)) {
            return MessageLanguage.EN;
        }
        return preference;
    }

    static List<MessageLanguage> languages(MessageLanguage page) {
        return page == MessageLanguage.BILINGUAL ? List.of(MessageLanguage.CY, MessageLanguage.EN) : List.of(page);
    }

    Frame frame(MessageLanguage page, String headingKey) {
        List<MessageLanguage> in = languages(page);
        List<LanguageLink> links = new ArrayList<>();
        for (MessageLanguage language : List.of(MessageLanguage.CY, MessageLanguage.EN)) {
            links.add(new LanguageLink(language.code(), text(language, "status.language." + language.code()),
                    "?lang=" + language.code(), language == page));
        }
        return new Frame(page == MessageLanguage.EN ? "en" : "cy", joined(in, "status.title"),
                joined(in, "status.skip"),
                new Exit(EXIT_TO, joined(in, "status.exit"), joined(in, "status.exit.hidden"),
                        joined(in, "status.exit.activated"), joined(in, "status.exit.timedOut"),
                        joined(in, "status.exit.pressTwoMoreTimes"), joined(in, "status.exit.pressOneMoreTime")),
                joined(in, "status.language"), links,
                in.stream().map(l -> new Heading(l.code(), text(l, headingKey))).toList());
    }

    List<Part> parts(VictimStatus status, MessageLanguage page) {
        return languages(page).stream().map(language -> part(status, language)).toList();
    }

    List<Notice> notices(NoticeKind kind, MessageLanguage page) {
        return languages(page).stream().map(language -> new Notice(language.code(),
                text(language, "status." + kind.key + ".heading"), text(language, "status." + kind.key + ".text")))
                .toList();
    }

    Part part(VictimStatus s, MessageLanguage l) {
        String where = "status.where." + s.where().name();
        boolean expecting = s.held() && s.where() != WhereItIs.READY_TO_COLLECT;
        String expected = !expecting ? null : s.expected() == null ? text(l, "status.expected.unknown")
                : text(l, "status.expected.range", date(s.expected().earliest(), l), date(s.expected().latest(), l));
        String replacement = switch (s.replacement()) {
            case LENT -> text(l, s.held() ? "status.replacement.lent" : "status.replacement.lentAfterReturn",
                    date(s.replacementSince(), l));
            case GIVEN_BACK -> text(l, "status.replacement.givenBack");
            case NONE -> text(l, s.held() ? "status.replacement.none" : "status.replacement.noneAfterReturn");
        };
        VictimStatus.LastMessage last = s.lastMessage();
        String phone = s.contactNumber();
        return new Part(l.code(),
                text(l, "status.reference", s.reference()),
                text(l, "status.where.heading"),
                text(l, where),
                TAG_CLASSES.get(s.where().ordinal()),
                text(l, where + ".text", date(s.returnedAt(), l)),
                expecting ? text(l, "status.expected.heading") : null,
                expected,
                text(l, "status.replacement.heading"),
                replacement,
                text(l, "status.last.heading"),
                last == null ? null : text(l, "status.last.sent", date(last.sentAt(), l)),
                last == null ? text(l, "status.last.none")
                        : text(l, "status.last." + last.template(), date(last.retainedUntil(), l)),
                text(l, "status.contact.heading"),
                text(l, "status.contact.call", s.forceName().in(l), s.reference()),
                text(l, "status.contact.phone"),
                phone,
                "tel:" + phone.replaceAll("[^0-9+]", ""),
                s.viaSupport() ? text(l, "status.contact.support") : null,
                text(l, "status.private.hidden"),
                text(l, "status.private"));
    }

    /** GOV.UK tag colours, by {@link WhereItIs} in order. */
    private static final List<String> TAG_CLASSES = List.of("govuk-tag--blue", "govuk-tag--light-blue",
            "govuk-tag--purple", "govuk-tag--green", "govuk-tag--grey");

    String text(MessageLanguage language, String key, Object... args) {
        return messages.getMessage(key, args, language == MessageLanguage.CY ? WELSH : Locale.ENGLISH);
    }

    /** A frame's text in each of the page's languages, Welsh first: "Diweddariad am eitem / Update on an item". */
    private String joined(List<MessageLanguage> in, String key) {
        return String.join(" / ", in.stream().map(l -> text(l, key)).distinct().toList());
    }

    private static String date(LocalDate date, MessageLanguage language) {
        return date == null ? null : TemplateRenderer.format(date, language);
    }

    private static String date(Instant instant, MessageLanguage language) {
        return instant == null ? null : date(instant.atZone(TemplateRenderer.UK).toLocalDate(), language);
    }
}
