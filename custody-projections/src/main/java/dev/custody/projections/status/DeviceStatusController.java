package dev.custody.projections.status;

import dev.custody.projections.access.Page;
import dev.custody.projections.status.DeviceSearch.CaseDevices;
import dev.custody.projections.status.DeviceSearch.DeviceSummary;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Device status, case view and search: an officer's answers without a phone call to the lab. */
@RestController
@Tag(name = "Device status", description = "The read side: eventually consistent with the commands, usually within milliseconds")
class DeviceStatusController {

    private final DeviceStatusService statuses;
    private final DeviceSearch search;

    DeviceStatusController(DeviceStatusService statuses, DeviceSearch search) {
        this.statuses = statuses;
        this.search = search;
    }

    @GetMapping("/api/v1/devices/{id}")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "Where a device is, who holds it, what is due and when it is expected back")
    DeviceStatus status(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        return statuses.status(actor, id);
    }

    @GetMapping("/api/v1/devices")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "Search devices by force, lab, stage, owner role, whether held and whether past a deadline",
            description = "Newest seizure first. overdue=true lists held devices past a breach deadline; "
                    + "needsAttention=true lists devices with a quarantined event whose later events wait behind it. "
                    + "Everyone but inspectors sees only their own force.")
    Page<DeviceSummary> search(@Parameter(hidden = true) Actor actor, @Valid @ParameterObject DeviceSearchFilter filter) {
        return search.search(actor, filter.filters(), filter.page(), filter.size());
    }

    @GetMapping("/api/v1/cases/{caseReference}/devices")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "Every device under one case reference")
    CaseDevices byCase(@Parameter(hidden = true) Actor actor, @PathVariable String caseReference) {
        return search.byCase(actor, caseReference);
    }
}
