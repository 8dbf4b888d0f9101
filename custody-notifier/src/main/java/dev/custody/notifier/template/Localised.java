package dev.custody.notifier.template;

/** A template value that differs by language, such as a force's name. */
public record Localised(String en, String cy) {
    public String in(MessageLanguage language) {
        return language == MessageLanguage.CY ? cy : en;
    }
}
