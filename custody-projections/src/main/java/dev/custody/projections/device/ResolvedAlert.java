package dev.custody.projections.device;

import dev.custody.projections.deadline.Resolution;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;

import java.time.Instant;
import java.util.UUID;

/**
 * An alert whose deadline closed.
 *
 * @param stepAt        when the closing step happened ({@code occurredAt})
 * @param stepType      the closing event's type
 * @param lateBySeconds the step's time minus the due time; negative when early
 * @param recordedAt    when the closing step was logged
 * @param actor         who logged it
 */
public record ResolvedAlert(UUID alertId, AlertRule rule, AlertSeverity severity, Resolution resolution,
                            Instant stepAt, String stepType, long lateBySeconds, Instant recordedAt, String actor) {
}
