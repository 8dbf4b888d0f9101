package dev.custody.notifier.template;

import dev.custody.values.Language;

/**
 * The language of one message. A person whose preference is unknown gets both, Welsh first, as the Welsh Language
 * Standards ask of bilingual material in Wales.
 */
public enum MessageLanguage {
    EN,
    CY,
    BILINGUAL;

    public static MessageLanguage of(Language preference) {
        if (preference == null) {
            return BILINGUAL;
        }
        return preference == Language.CY ? CY : EN;
    }

    /** From configuration: {@code en}, {@code cy} or {@code bilingual}. */
    public static MessageLanguage parse(String value) {
        return value == null ? EN : valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** As recorded in VictimNotified: null for a bilingual message. */
    public Language recorded() {
        return switch (this) {
            case EN -> Language.EN;
            case CY -> Language.CY;
            case BILINGUAL -> null;
        };
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
