package dev.custody.events;

import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.OwnerRole;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of a record on {@code custody.alerts.v1}: one change of an alert (raised, acknowledged or
 * resolved), with the whole alert as it stands after the change. Schema:
 * {@code schemas/alert-message.schema.json}; meaning of the rules: docs/alerts.md.
 *
 * @param dueAt          when the rule is breached (for a warning, the breach it warns of)
 * @param raisedAt       when the alert engine raised it
 * @param resolution     once resolved: in time, late, or superseded by a new seizure
 * @param resolvedAt     the {@code occurredAt} of the step that closed it
 * @param resolvedBy     the type of the event that closed it
 * @param lateBySeconds  the closing step's time minus the due time; negative when it came before the due time
 * @param changedAt      when this change happened
 */
public record AlertMessage(UUID alertId, AlertRule rule, AlertSeverity severity, DeviceId deviceId, ForceCode force,
                           OwnerRole ownerRole, LabId lab, int seizureNumber, Instant dueAt, Instant raisedAt,
                           State state, Resolution resolution, Instant resolvedAt, String resolvedBy,
                           Long lateBySeconds, String acknowledgedBy, Instant acknowledgedAt, String acknowledgeNote,
                           Change change, Instant changedAt) {

    public enum State {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED
    }

    public enum Resolution {
        IN_TIME,
        LATE,
        SUPERSEDED
    }

    /** What happened to the alert; each change is published under its own CloudEvents type. */
    public enum Change {
        RAISED("AlertRaised"),
        ACKNOWLEDGED("AlertAcknowledged"),
        RESOLVED("AlertResolved");

        private final String typeName;

        Change(String typeName) {
            this.typeName = typeName;
        }

        /** The simple type name on the topic, {@code dev.custody.} + this. */
        public String typeName() {
            return typeName;
        }
    }
}
