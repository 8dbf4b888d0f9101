package dev.custody.projections.alert;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert: a deadline that fell due, raised exactly once.
 *
 * @param dueAt         when the rule is breached (for a warning, the breach it warns of)
 * @param raisedAt      when the engine raised it
 * @param state         OPEN, ACKNOWLEDGED (a supervisor has seen it) or RESOLVED
 * @param resolution    IN_TIME, LATE or SUPERSEDED, once resolved
 * @param resolvedAt    when the step that closed it happened ({@code occurredAt})
 * @param resolvedBy    the type of event that closed it
 * @param lateBySeconds the closing step's time minus the due time; negative when it came before the due time
 */
public record AlertView(UUID alertId, String rule, String severity, UUID deviceId, String force, String ownerRole,
                        String lab, int seizureNumber, Instant dueAt, Instant raisedAt, String state,
                        String resolution, Instant resolvedAt, String resolvedBy, Long lateBySeconds,
                        String acknowledgedBy, Instant acknowledgedAt, String acknowledgeNote) {
}
