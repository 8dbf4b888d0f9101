package dev.custody.projections.device;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.view.DeviceView;

import java.util.List;

/** What live processing tells the metrics; never called during a replay, so a rebuild does not double-count. */
public interface ProjectionListener {

    void handled(DeviceEvent event);

    void flushed(List<ResolvedAlert> resolved, List<DeviceView> returned);
}
