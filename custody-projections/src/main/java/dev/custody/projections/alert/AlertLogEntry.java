package dev.custody.projections.alert;

import java.time.Instant;
import java.util.UUID;

/** One change to an alert, in order: RAISED, ACKNOWLEDGED, RESOLVED. The log is append-only. */
public record AlertLogEntry(long id, UUID alertId, UUID deviceId, String force, String change, Instant at,
                            String actor, String note) {
}
