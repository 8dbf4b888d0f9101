package dev.custody.web.victim;

import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.contact.StatusLinks;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

/**
 * An officer or supervisor withdraws a victim's status links: a page that says what happens, then the same service
 * the REST API's {@code DELETE /api/v1/devices/{id}/status-links} calls. The device is loaded as the device page loads
 * it, so another force's device is "Page not found".
 */
@Controller
@NotifierRole
class StatusLinkWithdrawalController {

    private final DeviceRecords records;
    private final StatusLinks links;

    StatusLinkWithdrawalController(DeviceRecords records, StatusLinks links) {
        this.records = records;
        this.links = links;
    }

    @GetMapping("/devices/{id}/status-links/withdraw")
    String confirm(Actor actor, @PathVariable UUID id, Model model) {
        DeviceRecord device = records.load(actor, id);
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("pageTitle", "Withdraw the update links");
        return "victim/withdraw";
    }

    @PostMapping("/devices/{id}/status-links/withdraw")
    String withdraw(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        records.load(actor, id);
        int withdrawn = links.revoke(new DeviceId(id), actor);
        redirect.addFlashAttribute("done", withdrawn == 0 ? "There were no working update links to withdraw"
                : "Update links withdrawn: the links sent so far no longer work");
        return "redirect:/devices/" + id;
    }
}
