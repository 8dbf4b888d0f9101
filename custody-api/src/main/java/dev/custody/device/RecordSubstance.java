package dev.custody.device;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The free text of the s.37-39 record must say something. The ICO found forms "complete in shape and empty in
 * substance": "n/a" as the line of enquiry, "-" as the alternatives considered. A text counts only if it has at least
 * {@code minLetters} letters and is not a placeholder.
 *
 * @param minLetters   the fewest letters a justification may have (letters only: digits, spaces and punctuation do
 *                     not count)
 * @param placeholders texts that never count however long, compared ignoring case, spaces and punctuation, so
 *                     {@code N/A}, {@code n.a.} and {@code na} are one placeholder
 */
public record RecordSubstance(int minLetters, Set<String> placeholders) {

    public static final RecordSubstance DEFAULT = new RecordSubstance(15, Set.of(
            "n/a", "na", "none", "nil", "nothing", "no", "yes", "-", ".", "?", "x", "xx", "xxx", "tbc", "tba",
            "to follow", "to be confirmed", "see above", "as above", "see notes", "see file", "see attached",
            "as discussed", "not applicable", "not known", "unknown", "same", "test", "none considered",
            "no alternatives", "no other means"));

    public RecordSubstance {
        if (minLetters < 0) {
            throw new IllegalArgumentException("minLetters must not be negative");
        }
        placeholders = placeholders.stream().map(RecordSubstance::normalise).collect(Collectors.toUnmodifiableSet());
    }

    /** True when {@code text} is a record of something: enough letters, and not a placeholder. */
    public boolean hasSubstance(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String normalised = normalise(text);
        return !normalised.isEmpty() && !placeholders.contains(normalised) && letters(text) >= minLetters;
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetter).count();
    }

    /** Lower case, letters and digits only: "N/A", "n.a." and " na " all become "na". */
    static String normalise(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(nfc.length());
        nfc.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
