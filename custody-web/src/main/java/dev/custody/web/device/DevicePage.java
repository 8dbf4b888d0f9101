package dev.custody.web.device;

import dev.custody.values.Actor;
import dev.custody.values.Role;
import dev.custody.web.layout.Formats;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.ArrayList;
import java.util.List;

/**
 * The device page's model: for its own controller, and for a step's form that sends the person back to the device
 * (after someone else changed it, say).
 */
@Component
public class DevicePage {

    public static final String VIEW = "device/device";

    private final List<DeviceActions> actions;
    private final Timeline timeline;
    private final Formats formats;

    DevicePage(List<DeviceActions> actions, Timeline timeline, Formats formats) {
        this.actions = actions;
        this.timeline = timeline;
        this.formats = formats;
    }

    /**
     * @param changed the steps someone else took since the person's form was drawn, or null
     * @return the view name
     */
    public String show(Actor actor, DeviceRecord device, List<Timeline.Step> changed, Model model) {
        List<DeviceActions.Action> available = new ArrayList<>();
        for (DeviceActions a : actions) {
            available.addAll(a.available(actor, device));
        }
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("timeline", timeline.of(device.history()));
        model.addAttribute("actions", available);
        model.addAttribute("scanBox", actor.has(Role.LAB));
        model.addAttribute("changed", changed);
        model.addAttribute("pageTitle", (changed != null ? "Error: " : "")
                + formats.words(device.view().deviceType()) + " " + device.view().caseReference());
        return VIEW;
    }
}
