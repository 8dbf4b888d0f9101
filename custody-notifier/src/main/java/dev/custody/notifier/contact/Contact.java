package dev.custody.notifier.contact;

import dev.custody.values.ContactReference;
import dev.custody.values.ForceCode;
import dev.custody.values.Language;

import java.time.Instant;

/**
 * One person's contact details, as held in the vault and nowhere else.
 *
 * @param language      EN or CY; null when unknown, which gets a bilingual message
 * @param safeToContact false means do not contact: nothing is ever sent
 * @param safeHours     null means any time
 * @param eraseAfter    when the details will be erased automatically; null while a device is still held
 */
public record Contact(ContactReference reference, ForceCode force, ContactChannel channel, String address,
                      Language language, boolean safeToContact, SafeHours safeHours, Instant eraseAfter) {

    /**
     * Whether these details may be used for the devices of {@code force}: only the force that registered them. A
     * reference is chosen by an officer, so another force may register the same one; its details never reach this
     * force's victims, nor this force's details theirs.
     */
    public boolean belongsTo(ForceCode force) {
        return this.force.equals(force);
    }

    /** The send-log recipient key of this person: the reference, never the address. */
    public static String recipientKey(ContactReference reference) {
        return "contact:" + reference.value();
    }

    @Override
    public String toString() {
        // Never let an address reach a log line by accident.
        return "Contact[" + reference + ", " + channel + ", safe=" + safeToContact + "]";
    }
}
