package dev.custody.device;

import dev.custody.device.DeviceHistory.History;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** The audit trail: a device's full, immutable history from the event store ({@link DeviceHistory}). */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Audit history")
class DeviceHistoryController {

    private final DeviceHistory histories;

    DeviceHistoryController(DeviceHistory histories) {
        this.histories = histories;
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "The device's full, immutable event history")
    History history(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        return histories.of(actor, id);
    }
}
