package dev.custody.device;

import dev.custody.device.LabelLookup.Label;
import dev.custody.edge.NotFound;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A scanner's question: which device does this label belong to? Another force's code answers exactly as an unknown
 * one, 404 {@code label-not-found}.
 */
@RestController
@Tag(name = "Labels")
class LabelScanController {

    /**
     * @param label   what the label shows, from the device's current seizure
     * @param device  the device's status
     * @param history the device's audit history
     */
    record Scanned(Label label, String device, String history) {
    }

    private final LabelLookup lookup;

    LabelScanController(LabelLookup lookup) {
        this.lookup = lookup;
    }

    @GetMapping("/api/v1/scan/{code}")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "The device a label code belongs to",
            description = "The code as scanned or typed: case, spaces and dashes do not matter, and O, I and L read "
                    + "as 0, 1 and 1. A mistyped code (its check character does not fit), an unknown one and "
                    + "another force's all answer 404 label-not-found.")
    Scanned scan(@Parameter(hidden = true) Actor actor, @PathVariable String code) {
        Label label = lookup.find(actor, code).orElseThrow(() -> NotFound.labelCode(code));
        String device = "/api/v1/devices/" + label.deviceId();
        return new Scanned(label, device, device + "/history");
    }
}
