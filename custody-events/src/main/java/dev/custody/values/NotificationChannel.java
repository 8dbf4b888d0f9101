package dev.custody.values;

/** How an update reached the victim: sent by the notifier, or given in person by an officer. */
public enum NotificationChannel {
    EMAIL,
    SMS,
    VIA_ISVA,
    PHONE_CALL,
    IN_PERSON,
    LETTER
}
