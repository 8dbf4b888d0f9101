package dev.custody.notifier.contact;

import dev.custody.values.NotificationChannel;

/** How a person chose to be told. VIA_ISVA sends to their independent sexual violence advisor's email address. */
public enum ContactChannel {
    EMAIL,
    SMS,
    VIA_ISVA,
    /** The person does not want messages: nothing is sent, and that is recorded. */
    NONE;

    /** The channel as recorded in VictimNotified; null for NONE, which never sends. */
    public NotificationChannel recorded() {
        return switch (this) {
            case EMAIL -> NotificationChannel.EMAIL;
            case SMS -> NotificationChannel.SMS;
            case VIA_ISVA -> NotificationChannel.VIA_ISVA;
            case NONE -> null;
        };
    }

    /** Email goes to the person or their ISVA; text messages only to the person. */
    public boolean isEmail() {
        return this == EMAIL || this == VIA_ISVA;
    }
}
