package dev.custody.device;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A device's label code: what its label's QR code and barcode carry and what a person types when there is no
 * scanner. Opaque (drawn at random, so nothing about the case, the device or its id can be read from it, and no code
 * can be guessed from another), short enough to type, and checked, so that a mistyped code is refused rather than
 * taken for another device.
 * <p>
 * Ten characters drawn from {@link #ALPHABET} (31 symbols: the digits and the capital letters without I, L and O,
 * which look like 1 and 0, and without U and Z, which leaves a prime number of symbols) and one check character: the sum of each character's value times its
 * position (1 to 11) is a multiple of 31. Since 31 is prime and the weights differ, every single wrong character and
 * every swap of two characters is caught. About 8 × 10<sup>14</sup> codes: drawing one at random, a second device
 * with the same code is as likely as guessing a 50-bit key, and {@link LabelCodes} refuses it anyway.
 * <p>
 * Written as {@code ABCD-EFGH-JKM} for people; scanners and the API use the 11 characters alone. Reading is
 * forgiving: case, spaces and dashes do not matter, and O, I and L are taken as 0, 1 and 1.
 */
public final class LabelCode {

    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY";
    public static final int LENGTH = 11;
    private static final int BASE = ALPHABET.length();

    private static final RandomGenerator RANDOM = new SecureRandom();

    private LabelCode() {
    }

    /** A new code, drawn at random. */
    public static String mint() {
        return mint(RANDOM);
    }

    static String mint(RandomGenerator random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH - 1; i++) {
            code.append(ALPHABET.charAt(random.nextInt(BASE)));
        }
        return code.append(checkCharacter(code)).toString();
    }

    /**
     * The code a person or a scanner meant, or empty when the text is no label code (wrong length, a character
     * outside the alphabet, or a check character that does not match).
     */
    public static Optional<String> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder(LENGTH);
        for (char c : text.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-') {
                continue;
            }
            char meant = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(meant) < 0) {
                return Optional.empty();
            }
            code.append(meant);
        }
        if (code.length() != LENGTH || checkCharacter(code.subSequence(0, LENGTH - 1)) != code.charAt(LENGTH - 1)) {
            return Optional.empty();
        }
        return Optional.of(code.toString());
    }

    /** {@code ABCD-EFGH-JKM}: the code in groups, as a person reads and types it. */
    public static String display(String code) {
        if (code == null || code.length() != LENGTH) {
            return code;
        }
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

    /** The character that makes the weighted sum of all eleven a multiple of 31. */
    static char checkCharacter(CharSequence data) {
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(data.charAt(i));
        }
        // Solve sum + LENGTH * c ≡ 0 (mod 31); 17 is the inverse of 11 modulo 31 (11 × 17 = 187 = 6 × 31 + 1).
        int c = Math.floorMod(-sum * 17, BASE);
        return ALPHABET.charAt(c);
    }
}
