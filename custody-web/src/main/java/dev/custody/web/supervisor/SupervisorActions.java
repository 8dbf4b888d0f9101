package dev.custody.web.supervisor;

import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.ForceCode;
import dev.custody.values.LifecycleStep;
import dev.custody.values.Role;
import dev.custody.web.device.DeviceActions;
import dev.custody.web.device.DeviceRecord;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The supervisor's step on a device page: authorising longer retention, for a supervisor of the device's force
 * while the device is held, agreement stands and the custody lifecycle ({@link LifecycleStep#RETENTION_EXTENSION})
 * allows it. The command side judges it again when it is sent.
 */
@Component
@Order(30)
class SupervisorActions implements DeviceActions {

    static final String EXTEND_RETENTION = "Extend retention";

    static String retentionPath(Object deviceId) {
        return "/devices/" + deviceId + "/supervisor/retention";
    }

    @Override
    public List<Action> available(Actor actor, DeviceRecord device) {
        return canExtend(actor, device.view())
                ? List.of(new Action(EXTEND_RETENTION, retentionPath(device.id())))
                : List.of();
    }

    static boolean canExtend(Actor actor, DeviceView view) {
        return actor.has(Role.SUPERVISOR) && actor.canSee(new ForceCode(view.force())) && view.isHeld()
                && view.agreementWithdrawnAt() == null && LifecycleStep.RETENTION_EXTENSION.isAllowedFrom(view.stage());
    }
}
