package dev.custody.edge;

/**
 * The sizes every request is held to, named once, for the Bean Validation annotations on the request records (which
 * springdoc publishes as {@code maxLength}, {@code maxItems}, {@code minimum} and {@code maximum}) and for the web
 * forms ({@code maxlength}, character counts; see {@link FieldBounds}).
 * <p>
 * Lengths count UTF-16 code units after NFC normalisation, as {@code String.length()} and Bean Validation's
 * {@code @Size} do; an emoji outside the Basic Multilingual Plane counts two. Together with the list sizes they bound
 * every stored event far below the broker's largest message (see {@code EventSizeTest} and
 * {@link InputLimits#maxEventBytes()}).
 */
public final class Bounds {

    private Bounds() {
    }

    /** References and codes: case, contact and seal references, labs, forces, form versions. */
    public static final int REFERENCE = 64;

    /** A short line: a holder's name, a tool, a time-sensitive app, the reason an update was given. */
    public static final int LINE = 200;

    /** What a device looks like: make, model, colour, marks. */
    public static final int DESCRIPTION = 500;

    /** A note or a reason. */
    public static final int NOTE = 2_000;

    /** Written reasoning: a justification, an examination summary. */
    public static final int PROSE = 4_000;

    /** An email address (RFC 5321's longest path). */
    public static final int EMAIL = 254;

    /** Items in a list or a set. */
    public static final int ITEMS = 20;

    /** An {@code Idempotency-Key}: printable ASCII. */
    public static final int IDEMPOTENCY_KEY = 255;

    /** The largest page a list answers. */
    public static final int PAGE_SIZE = 500;

    /** The last page number a list may be asked for (from 0); deeper reads need a narrower filter. */
    public static final int LAST_PAGE = 10_000;

    /** Download attempts and replacement numbers in a path. */
    public static final int STEP_NUMBER = 1_000;

    /** An extraction's size: one pebibyte. */
    public static final long EXTRACTION_BYTES = 1L << 50;
}
