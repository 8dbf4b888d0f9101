package dev.custody.edge;

import jakarta.validation.ConstraintValidatorContext;

import java.text.Normalizer;

/**
 * What text a caller may send, in one place for JSON bodies, forms, query strings and headers.
 * <p>
 * Every string is {@linkplain #normalise normalised} once, as it is read at the edge (by the JSON mapping, form
 * binding and query parameter conversion of {@link EdgeConfiguration}), so the stored event holds the NFC form with
 * {@code \n} line ends. Then {@link Line} and {@link FreeText} fields accept only well-formed Unicode with no control
 * character (C0, DEL, C1), except newline and tab in free text.
 */
public final class Text {

    /** The rule of {@link Line} as an ECMA-262 and Java pattern, for OpenAPI. */
    public static final String LINE_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\uFFFE\\uFFFF]*$";

    /** The rule of {@link FreeText}: also newline and tab. */
    public static final String FREE_TEXT_PATTERN = "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]*$";

    static final String LINE_MESSAGE = "must be one line of text without control characters";
    static final String FREE_TEXT_MESSAGE = "must be text without control characters (newlines and tabs are allowed)";
    static final String MALFORMED_MESSAGE = "must be well-formed Unicode text";

    private Text() {
    }

    /** NFC, with {@code \r\n} and a lone {@code \r} (as browsers send a textarea's lines) read as {@code \n}. */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String lines = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        return Normalizer.isNormalized(lines, Normalizer.Form.NFC) ? lines
                : Normalizer.normalize(lines, Normalizer.Form.NFC);
    }

    /** @return why the text is refused, or null when it is acceptable as one line or as free text */
    public static String refusal(String text, boolean multiline) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return MALFORMED_MESSAGE;
            } else if (multiline ? !allowedInFreeText(c) : !allowedInLine(c)) {
                return multiline ? FREE_TEXT_MESSAGE : LINE_MESSAGE;
            }
        }
        return null;
    }

    /** The check of {@link Line} and {@link FreeText}, whose message says which rule the text broke. */
    static boolean isValid(CharSequence value, boolean multiline, ConstraintValidatorContext context) {
        String refusal = refusal(value == null ? null : value.toString(), multiline);
        if (refusal == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(refusal).addConstraintViolation();
        return false;
    }

    private static boolean allowedInLine(char c) {
        return !isControl(c) && c != '\u2028' && c != '\u2029';
    }

    private static boolean allowedInFreeText(char c) {
        return !isControl(c) || c == '\n' || c == '\t';
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }
}
