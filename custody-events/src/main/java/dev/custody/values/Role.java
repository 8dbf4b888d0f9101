package dev.custody.values;

/** What an authenticated caller may do. Each command is limited to the roles that do that step in real life. */
public enum Role {
    OFFICER,
    LAB,
    SUPERVISOR,
    INSPECTOR,
    /** The notifier service, recording that an update reached a victim. Never a person. */
    NOTIFIER,
    /** Operations staff: rebuild read models, see processor status. No access to custody steps. */
    ADMIN,
    /**
     * The metrics scraper (Prometheus): reads {@code /actuator/prometheus} and {@code /actuator/metrics}, which hold
     * every force's counts. Never a person, and nothing else.
     */
    METRICS
}
