package dev.custody.projections.device;

import dev.custody.projections.view.DeviceView;

import java.util.List;

/**
 * Told after each live batch of the device projection has committed, with the views it changed as now stored: what
 * pages that update themselves (server-sent events) listen to. Never told during a rebuild.
 * <p>
 * Called on the projection's own thread after its transaction: it must return at once and must not throw. Only the
 * node that projected the batch is told.
 */
public interface ProjectionCommitListener {

    void committed(List<DeviceView> changed);
}
