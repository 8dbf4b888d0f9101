package dev.custody.web.device;

import dev.custody.device.DeviceHistory.History;
import dev.custody.device.DeviceHistory.HistoryEntry;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.status.DeviceStatus;

import java.util.List;
import java.util.UUID;

/**
 * A device as a page shows it and as its next command will be judged: the history from the event store, the view
 * folded from it by the read side's own fold, and the status (deadlines, alerts, expected return) worked out from
 * that view. Built from the event store, not the read model, so the version a form carries is the record's version
 * even a moment after a command.
 */
public record DeviceRecord(History history, DeviceView view, DeviceStatus status) {

    public UUID id() {
        return history.deviceId();
    }

    /** The record's version: what a form sends back as the version it was drawn from. */
    public long version() {
        return view.version();
    }

    /** The steps logged after {@code version}, oldest first: what someone else did since a form was drawn. */
    public List<HistoryEntry> since(long version) {
        return history.events().stream().filter(e -> e.sequence() > version).toList();
    }
}
