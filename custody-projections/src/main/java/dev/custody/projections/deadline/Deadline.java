package dev.custody.projections.deadline;

import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;

import java.time.Instant;

/**
 * One open deadline of one device.
 * <p>
 * Identity is (rule, severity, dueAt): a deadline that moves (an authorised extension, a new update period) is a
 * new deadline, so each alert belongs to exactly one due time and can be raised only once.
 *
 * @param dueAt  when the rule is breached; for a warning, the breach it warns of
 * @param fireAt when the alert is raised: {@code dueAt} for a breach, earlier for a warning
 */
public record Deadline(AlertRule rule, AlertSeverity severity, Instant dueAt, Instant fireAt) {

    public Key key() {
        return new Key(rule, severity, dueAt);
    }

    /** A warning is moot once its breach is due: from then on the breach alone is raised and shown. */
    public boolean isMootAt(Instant now) {
        return severity == AlertSeverity.WARNING && !now.isBefore(dueAt);
    }

    /** What identifies a deadline, and the alert raised for it. */
    public record Key(AlertRule rule, AlertSeverity severity, Instant dueAt) {
    }
}
