package dev.custody.values;

/**
 * The deadline rules of the brief. Their durations are configured per force; the names are part of the Kafka
 * contract ({@code custody.alerts.v1}) and never change.
 */
public enum AlertRule {
    /** A victim's or witness's device not returned within 24h of seizure without authorised longer retention. */
    RETURN_24H,
    /** A device held past 24h without a replacement phone. */
    REPLACEMENT_24H,
    /** A download started but neither completed nor failed. */
    DOWNLOAD_STUCK,
    /** A download completed but not verified. */
    DOWNLOAD_UNVERIFIED,
    /** A download completed but examination has not started. */
    DOWNLOAD_STALE,
    /** Data at risk of disappearing, and no completed download. */
    TIME_SENSITIVE_DATA,
    /** No update reached the victim within the agreed frequency. */
    VICTIM_UPDATE_OVERDUE,
    /** A device held past the review point. */
    LONG_HOLD
}
