package dev.custody.notifier.inbox;

import dev.custody.events.DeviceEvent;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;

import java.time.Instant;

/** A record from one of the two topics, read from its CloudEvents envelope. */
public sealed interface Incoming {

    /** The CloudEvents id: stable across redeliveries, the send log's source event id. */
    String id();

    /** The CloudEvents {@code time}: when the event was recorded or the alert changed. */
    Instant time();

    /** A custody event from {@code custody.events.v1}. */
    record CustodyEvent(String id, Instant time, ForceCode force, DeviceEvent event) implements Incoming {
    }

    /** An alert transition from {@code custody.alerts.v1}. */
    record Alert(String id, Instant time, ForceCode force, boolean raised, AlertRule rule, DeviceId deviceId,
                 OwnerRole ownerRole, AlertSeverity severity, Instant dueAt, Instant raisedAt) implements Incoming {
    }

    /** A type this notifier does not know (a newer producer): nothing to do, and nothing wrong. */
    record Ignored(String id, Instant time, String type) implements Incoming {
    }
}
