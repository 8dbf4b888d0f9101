package dev.custody.web.device;

import dev.custody.values.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.UUID;

/**
 * The device page, shared by every role: where the device is and who holds it, its deadlines, alerts and expected
 * return, the timeline of its history, and the steps this person may take now ({@link DeviceActions}).
 */
@Controller
class DevicePageController {

    private final DeviceRecords records;
    private final DevicePage page;
    private final Timeline timeline;

    DevicePageController(DeviceRecords records, DevicePage page, Timeline timeline) {
        this.records = records;
        this.page = page;
        this.timeline = timeline;
    }

    @GetMapping("/devices/{id}")
    String device(Actor actor, @PathVariable UUID id, Model model) {
        return page.show(actor, records.load(actor, id), null, model);
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
        return DevicePage.VIEW + " :: changes";
    }
}
