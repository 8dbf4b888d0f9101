package dev.custody.web.device;

import dev.custody.values.Actor;
import dev.custody.web.form.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scan box's target: a USB barcode scanner types the code and Enter, and the device's page opens. A code that
 * matches nothing shows the box again with the error, keeping the focus in the box for the next scan.
 */
@Controller
class ScanController {

    static final String CODE = "code";

    private final DeviceLookup lookup;

    ScanController(DeviceLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping("/scan")
    String scan(Actor actor, @RequestParam(name = CODE, required = false) String code, Model model) {
        if (code == null) {
            model.addAttribute("errors", FormErrors.none());
            return "device/scan";
        }
        return lookup.find(actor, code)
                .map(id -> "redirect:/devices/" + id)
                .orElseGet(() -> {
                    model.addAttribute("code", code);
                    model.addAttribute("errors", FormErrors.field("device-not-found", CODE, code.isBlank()
                                    ? "Scan the device's label, or type its reference"
                                    : "No device matches this code. Check the label and scan it again")
                            .keepingFocus());
                    return "device/scan";
                });
    }
}
