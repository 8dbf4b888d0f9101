package dev.custody.notifier.sendlog;

/** Where a message is: waiting (maybe held for safe hours or retrying), sent, deliberately not sent, or given up. */
public enum SendStatus {
    PENDING,
    SENT,
    SKIPPED,
    DEAD
}
