package dev.custody.edge;

import dev.custody.edge.Problem.FieldError;

import java.util.List;

/**
 * The bound of the {@code Idempotency-Key} header, however a key arrives (a REST header, a web form's hidden field):
 * 1 to {@link Bounds#IDEMPOTENCY_KEY} printable ASCII characters, not all spaces.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";

    /** For OpenAPI. */
    public static final String PATTERN = "^[\\u0020-\\u007E]*[\\u0021-\\u007E][\\u0020-\\u007E]*$";

    static final String MESSAGE = "must be 1 to " + Bounds.IDEMPOTENCY_KEY + " printable ASCII characters";

    private IdempotencyKey() {
    }

    /**
     * @return the key, or null when none was sent
     * @throws Problem 400 {@code invalid-header} naming the header
     */
    public static String check(String key) {
        if (key == null) {
            return null;
        }
        boolean printable = !key.isBlank() && key.length() <= Bounds.IDEMPOTENCY_KEY
                && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        if (!printable) {
            throw Problem.badRequest("invalid-header", "Header '" + HEADER + "' is invalid",
                    List.of(new FieldError(HEADER, MESSAGE)));
        }
        return key;
    }
}
