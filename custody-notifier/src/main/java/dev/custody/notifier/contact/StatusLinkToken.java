package dev.custody.notifier.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The secret in a status link: {@value #BYTES} random bytes (192 bits) from {@link SecureRandom}, written in
 * URL-safe Base64 without padding ({@value #LENGTH} characters of {@code A-Z a-z 0-9 - _}). Only its SHA-256 hash is
 * stored; a token is looked up by hashing what the browser presents. With this much entropy an unsalted hash is
 * enough: there is nothing to guess and no dictionary to precompute.
 */
public final class StatusLinkToken {

    public static final int BYTES = 24;
    public static final int LENGTH = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private StatusLinkToken() {
    }

    public static String mint() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} could be a token at all; anything else is answered without a database query. */
    public static boolean wellFormed(String presented) {
        return presented != null && SHAPE.matcher(presented).matches();
    }

    /** SHA-256 of the token's text: what the vault keeps, and the key the page's rate limit counts by. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
