package dev.custody.web.victim;

import dev.custody.notifier.template.Localised;
import dev.custody.notifier.template.MessageLanguage;
import dev.custody.queries.ExpectedReturn;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Everything the status page may tell a victim, and nothing else: no case reference, offence, officer, lab or
 * finding is ever put in here, so no template can show one.
 *
 * @param reference   the reference the victim quotes when they call (the first eight characters of the device id,
 *                    as in every message)
 * @param returnedAt  when the device was returned; null while held
 * @param expected    the expected return as a range; null when not known or no longer held
 * @param language    the contact's preference: Welsh, English, or both when unknown
 * @param viaSupport  the person hears through a support worker (an ISVA); the page says so without naming the role,
 *                    which would hint at the offence
 * @param lastMessage the last message delivered about this device to this person; null before the first
 */
record VictimStatus(String reference, WhereItIs where, Instant returnedAt, ExpectedReturn expected,
                    Replacement replacement, Instant replacementSince, MessageLanguage language, boolean viaSupport,
                    Localised forceName, String contactNumber, LastMessage lastMessage) {

    /** The replacement phone: never lent, lent now (since {@code replacementSince}), or given back. */
    enum Replacement {
        NONE,
        LENT,
        GIVEN_BACK
    }

    /**
     * @param template      the message's template name, such as {@code ready-for-collection}
     * @param retainedUntil for a retention extension, the date it runs to; the reason is never shown, as a
     *                      supervisor's words may describe the case
     */
    record LastMessage(String template, Instant sentAt, LocalDate retainedUntil) {
    }

    boolean held() {
        return returnedAt == null;
    }
}
