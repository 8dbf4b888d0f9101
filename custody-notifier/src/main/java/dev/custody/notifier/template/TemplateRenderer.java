package dev.custody.notifier.template;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a template in the reader's language: dates and times in words of that language, in UK time, and a
 * bilingual message as the Welsh text first, then the English.
 */
public final class TemplateRenderer {

    public static final ZoneId UK = ZoneId.of("Europe/London");
    static final String BILINGUAL_DIVIDER = "\n\n------------------------------\n\n";

    private static final Locale WELSH = Locale.forLanguageTag("cy-GB");
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter DATE_CY = DateTimeFormatter.ofPattern("d MMMM yyyy", WELSH);
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME_CY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", WELSH);

    private final TemplateStore store;

    public TemplateRenderer(TemplateStore store) {
        this.store = store;
    }

    /**
     * @param values by placeholder name: a String, a number, a {@link LocalDate}, an {@link Instant} or a
     *               {@link Localised}; an absent or null value leaves its section out
     */
    public RenderedMessage render(Template template, MessageLanguage language, Map<String, ?> values) {
        if (language != MessageLanguage.BILINGUAL) {
            Map<String, String> texts = new HashMap<>();
            values.forEach((name, value) -> {
                String text = format(value, language);
                if (text != null) {
                    texts.put(name, text);
                }
            });
            return store.get(template, language).render(texts);
        }
        RenderedMessage cy = render(template, MessageLanguage.CY, values);
        RenderedMessage en = render(template, MessageLanguage.EN, values);
        String subject = cy.subject().equals(en.subject()) ? cy.subject() : cy.subject() + " / " + en.subject();
        return new RenderedMessage(subject, cy.body() + BILINGUAL_DIVIDER + en.body());
    }

    /** A value as text in {@code language}: dates in its words, in UK time. Also used by the status page. */
    public static String format(Object value, MessageLanguage language) {
        boolean welsh = language == MessageLanguage.CY;
        if (value == null) {
            return null;
        }
        if (value instanceof Localised localised) {
            return localised.in(language);
        }
        if (value instanceof LocalDate date) {
            return (welsh ? DATE_CY : DATE_EN).format(date);
        }
        if (value instanceof Instant instant) {
            return (welsh ? TIME_CY : TIME_EN).format(instant.atZone(UK));
        }
        return value.toString();
    }
}
