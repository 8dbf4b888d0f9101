package dev.custody.values;

/**
 * The alert rules: the deadline rules of the brief, whose durations are configured per force, and the integrity
 * findings raised the moment they are recorded. The names are part of the Kafka contract ({@code custody.alerts.v1})
 * and never change.
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
    LONG_HOLD,
    /**
     * A seal found broken, or with a number other than the one recorded at seizure, at a custody transfer or a lab
     * receipt: the chain of custody needs checking. A finding, not a deadline.
     */
    SEAL_INTEGRITY;

    /**
     * False for a finding, raised as soon as it is recorded: it has no time to count down to, so it never makes a
     * device "overdue" and does not order a lab's queue.
     */
    public boolean isDeadline() {
        return this != SEAL_INTEGRITY;
    }
}
