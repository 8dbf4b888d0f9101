package dev.custody.notifier.channel;

import java.util.regex.Pattern;

/**
 * A send that did not work. {@code permanent} failures (an address the provider refuses, a misconfigured account)
 * are not retried. The message never contains an address: provider errors are scrubbed before they are kept.
 */
public class DeliveryFailure extends Exception {

    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"',;:]+");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ]{8,}\\d");

    private final boolean permanent;

    public DeliveryFailure(String reason, boolean permanent, Throwable cause) {
        super(scrub(reason), cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }

    /** Removes anything that looks like an email address or a phone number, and keeps the text short. */
    public static String scrub(String text) {
        if (text == null) {
            return "unknown";
        }
        String scrubbed = PHONE.matcher(EMAIL.matcher(text).replaceAll("[address]")).replaceAll("[number]")
                .replaceAll("\\s+", " ").strip();
        return scrubbed.length() > 300 ? scrubbed.substring(0, 300) : scrubbed;
    }
}
