package dev.custody.web.device;

import dev.custody.values.Actor;
import dev.custody.values.Role;
import dev.custody.web.layout.Formats;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The device page, shared by every role: where the device is and who holds it, its deadlines, alerts and expected
 * return, the timeline of its history, and the steps this person may take now ({@link DeviceActions}).
 */
@Controller
class DevicePageController {

    private final DeviceRecords records;
    private final List<DeviceActions> actions;
    private final Timeline timeline;
    private final Formats formats;

    DevicePageController(DeviceRecords records, List<DeviceActions> actions, Timeline timeline, Formats formats) {
        this.records = records;
        this.actions = actions;
        this.timeline = timeline;
        this.formats = formats;
    }

    @GetMapping("/devices/{id}")
    String device(Actor actor, @PathVariable UUID id, Model model) {
        DeviceRecord device = records.load(actor, id);
        show(actor, device, model);
        return "device/device";
    }

    /**
     * What changed since a version, for the device page to say so when its live stream tells it the device changed
     * (htmx swaps the fragment in; nothing when the page is still current).
     */
    @GetMapping("/devices/{id}/changes")
    String changes(Actor actor, @PathVariable UUID id, @RequestParam long since, Model model) {
        DeviceRecord device = records.load(actor, id);
        model.addAttribute("device", device);
        model.addAttribute("changes", timeline.steps(device.since(since)));
        return "device/device :: changes";
    }

    /** The device page's model: also used by step forms that send the person back to it. */
    void show(Actor actor, DeviceRecord device, Model model) {
        List<DeviceActions.Action> available = new ArrayList<>();
        for (DeviceActions a : actions) {
            available.addAll(a.available(actor, device));
        }
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("pageTitle", (model.containsAttribute("changed") ? "Error: " : "")
                + formats.words(device.view().deviceType()) + " " + device.view().caseReference());
        model.addAttribute("timeline", timeline.of(device.history()));
        model.addAttribute("actions", available);
        model.addAttribute("scanBox", actor.has(Role.LAB));
    }
}
