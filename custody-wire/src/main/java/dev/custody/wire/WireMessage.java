package dev.custody.wire;

import dev.custody.events.AlertMessage;
import dev.custody.events.DeviceEvent;
import dev.custody.values.ForceCode;

import java.time.Instant;

/** A record from one of the two topics, read from its CloudEvents envelope. */
public sealed interface WireMessage {

    /** The CloudEvents id: stable across redeliveries, what a consumer de-duplicates on. */
    String id();

    /** The CloudEvents {@code time}: when the event was recorded or the alert changed. */
    Instant time();

    /**
     * A custody event from {@code custody.events.v1}; {@code sequence} is its position in the device's history, -1
     * when the record does not say.
     */
    record CustodyEvent(String id, Instant time, ForceCode force, long sequence, DeviceEvent event)
            implements WireMessage {
    }

    /** An alert change from {@code custody.alerts.v1}. */
    record Alert(String id, Instant time, ForceCode force, AlertMessage alert) implements WireMessage {

        public boolean raised() {
            return alert.change() == AlertMessage.Change.RAISED;
        }
    }

    /** A type this reader does not know (a newer producer): nothing to do, and nothing wrong. */
    record Unknown(String id, Instant time, String type) implements WireMessage {
    }
}
