package dev.custody.web.labels;

import dev.custody.values.Actor;
import dev.custody.values.Role;
import dev.custody.web.device.DeviceActions;
import dev.custody.web.device.DeviceRecord;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/** Officers and lab staff print (or reprint) a held device's label from its page. */
@Component
@Order(30)
class LabelActions implements DeviceActions {

    @Override
    public List<Action> available(Actor actor, DeviceRecord device) {
        if (!(actor.has(Role.OFFICER) || actor.has(Role.LAB)) || !device.view().isHeld()) {
            return List.of();
        }
        String label = device.view().labelsPrinted() == 0 ? "Print a label" : "Print the label again";
        return List.of(new Action(label, "/devices/" + device.id() + "/label"));
    }
}
