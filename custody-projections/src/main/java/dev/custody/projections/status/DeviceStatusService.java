package dev.custody.projections.status;

import dev.custody.edge.NotFound;
import dev.custody.projections.alert.AlertStore;
import dev.custody.projections.alert.AlertView;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.deadline.OpenDeadlines;
import dev.custody.projections.queue.ExpectedReturnEstimator;
import dev.custody.values.Actor;
import dev.custody.values.ForceCode;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Where a device is, who holds it, what is due and when it is expected back: what the REST API answers at
 * {@code GET /api/v1/devices/{id}} and the device page shows.
 */
@Service
public class DeviceStatusService {

    private final DeviceQueries devices;
    private final AlertStore alerts;
    private final ExpectedReturnEstimator estimator;
    private final OpenDeadlines openDeadlines;
    private final Clock clock;

    DeviceStatusService(DeviceQueries devices, AlertStore alerts, ExpectedReturnEstimator estimator,
                        OpenDeadlines openDeadlines, Clock clock) {
        this.devices = devices;
        this.alerts = alerts;
        this.estimator = estimator;
        this.openDeadlines = openDeadlines;
        this.clock = clock;
    }

    /**
     * The device's status from the read model.
     *
     * @throws dev.custody.edge.Problem 404 when there is no such device (yet), or when {@code actor} may not see it:
     *                                  the two answer alike
     */
    public DeviceStatus status(Actor actor, UUID id) {
        StoredStatus s = devices.find(id)
                .filter(found -> actor.canSee(new ForceCode(found.view().force())))
                .orElseThrow(() -> NotFound.deviceStatus(id));
        return of(s.view(), s.needsAttention());
    }

    /**
     * The status of a view, however it was folded: from the read model, or from the event store's history when a
     * page must show exactly the state a command will be judged on. The caller has checked the force.
     */
    public DeviceStatus of(DeviceView view) {
        return of(view, devices.needsAttention(view.deviceId()));
    }

    private DeviceStatus of(DeviceView view, boolean needsAttention) {
        List<AlertView> open = alerts.forDevice(view.deviceId()).stream()
                .filter(a -> !"RESOLVED".equals(a.state())).toList();
        return DeviceStatus.of(view, openDeadlines.of(view), open, estimator.estimate(view).orElse(null),
                clock.instant(), needsAttention);
    }
}
