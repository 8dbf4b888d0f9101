package dev.custody.projections.device;

import dev.custody.projections.deadline.Deadline;

import java.util.UUID;

/** A deadline row as stored, with the alert raised for it, if any. */
record StoredDeadline(UUID deviceId, Deadline deadline, UUID alertId) {
}
