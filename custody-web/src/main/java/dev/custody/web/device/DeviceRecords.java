package dev.custody.web.device;

import dev.custody.device.DeviceHistory;
import dev.custody.device.DeviceHistory.History;
import dev.custody.device.DeviceHistory.HistoryEntry;
import dev.custody.edge.Problem;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.status.DeviceStatusService;
import dev.custody.values.Actor;
import dev.custody.web.layout.PageNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.UUID;

/** Loads a {@link DeviceRecord} for a page, scoped as the API is: another force's device is "not found". */
@Service
public class DeviceRecords {

    private final DeviceHistory histories;
    private final DeviceStatusService statuses;

    DeviceRecords(DeviceHistory histories, DeviceStatusService statuses) {
        this.histories = histories;
        this.statuses = statuses;
    }

    /** @throws PageNotFound when there is no such device or {@code actor} may not see it */
    public DeviceRecord load(Actor actor, UUID id) {
        History history;
        try {
            history = histories.of(actor, id);
        } catch (Problem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw new PageNotFound(e.detail());
            }
            throw e;
        }
        DeviceView view = fold(history);
        return new DeviceRecord(history, view, statuses.of(view));
    }

    /** The read side's view of the history, folded by its own code. */
    static DeviceView fold(History history) {
        DeviceView view = null;
        for (HistoryEntry entry : history.events()) {
            if (view == null) {
                view = DeviceView.seized((DeviceSeized) entry.payload(), entry.sequence());
            } else {
                view.apply(entry.payload(), entry.sequence());
            }
        }
        return view;
    }
}
