package dev.custody.web.form;

/** How a form's text becomes an answer, the same on every page. */
public final class Answers {

    private Answers() {
    }

    /** Blank is no answer: null, or the text without surrounding spaces. */
    public static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
