package dev.custody.web.form;

/** How a form's text or choice becomes an answer, the same on every page. */
public final class Answers {

    private Answers() {
    }

    /** Blank is no answer: null, or the text without surrounding spaces. */
    public static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * One of a select's options by its name; blank, or a value the select cannot send (an edited address), is no
     * answer, so a page lists without that filter rather than refusing.
     */
    public static <E extends Enum<E>> E choice(Class<E> options, String s) {
        String name = text(s);
        for (E option : options.getEnumConstants()) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        return null;
    }
}
