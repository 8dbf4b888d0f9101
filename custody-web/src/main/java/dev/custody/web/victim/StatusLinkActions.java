package dev.custody.web.victim;

import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.contact.StatusLinks;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.Role;
import dev.custody.web.device.DeviceActions;
import dev.custody.web.device.DeviceRecord;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * On the device page, for an officer or supervisor of its force while any of the victim's status links still works:
 * withdraw them (if someone else may have seen a message, say).
 */
@Component
@Order(90)
@NotifierRole
class StatusLinkActions implements DeviceActions {

    static final String LABEL = "Withdraw the update links";

    private final StatusLinks links;

    StatusLinkActions(StatusLinks links) {
        this.links = links;
    }

    static String path(Object deviceId) {
        return "/devices/" + deviceId + "/status-links/withdraw";
    }

    @Override
    public List<Action> available(Actor actor, DeviceRecord device) {
        if (!actor.has(Role.OFFICER) && !actor.has(Role.SUPERVISOR) || !links.anyLive(new DeviceId(device.id()))) {
            return List.of();
        }
        return List.of(new Action(LABEL, path(device.id())));
    }
}
