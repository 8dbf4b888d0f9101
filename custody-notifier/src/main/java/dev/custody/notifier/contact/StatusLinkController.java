package dev.custody.notifier.contact;

import dev.custody.notifier.NotifierRole;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Withdrawing a victim's status links over HTTP, for an officer or supervisor of the device's force (the device page
 * offers the same). Every link sent so far stops working at once; later messages carry new ones. A device of another
 * force, or one the notifier has not heard of, is not found.
 */
@RestController
@NotifierRole
class StatusLinkController {

    private final StatusLinks links;

    StatusLinkController(StatusLinks links) {
        this.links = links;
    }

    @DeleteMapping("/api/v1/devices/{deviceId}/status-links")
    @PreAuthorize("hasAnyRole('OFFICER','SUPERVISOR')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Withdraw every status link sent to the victim of a device",
            description = "The links stop working at once and answer as an unknown link does; messages sent later "
                    + "carry new links. Another force's device, or one with no links, is not found.")
    void revoke(@PathVariable UUID deviceId, @Parameter(hidden = true) Actor actor) {
        links.revoke(new DeviceId(deviceId), actor);
    }
}
