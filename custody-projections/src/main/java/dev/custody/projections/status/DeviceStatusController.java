package dev.custody.projections.status;

import dev.custody.edge.NotFound;
import dev.custody.edge.Params;
import dev.custody.projections.access.ForceFilter;
import dev.custody.projections.access.Page;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Device status, case view and search: an officer's answers without a phone call to the lab. */
@RestController
@Tag(name = "Device status", description = "The read side: eventually consistent with the commands, usually within milliseconds")
class DeviceStatusController {

    /**
     * A device in a list: enough to find it and see where it is.
     *
     * @param needsAttention an event of the device is quarantined and its later events wait behind it (see
     *                       {@link StoredStatus#needsAttention()})
     */
    record DeviceSummary(UUID deviceId, long version, String force, String caseReference, String deviceType,
                         String ownerRole, String stage, boolean held, String lab, Instant seizedAt,
                         Instant returnedAt, double daysHeld, boolean replacementIssued, Instant nextDueAt,
                         boolean needsAttention) {
        static DeviceSummary of(StoredStatus s, Instant now) {
            DeviceView v = s.view();
            return new DeviceSummary(v.deviceId(), v.version(), v.force(), v.caseReference(), v.deviceType().name(),
                    v.ownerRole().name(), v.stage().name(), v.isHeld(), v.lab(), v.seizedAt(), v.returnedAt(),
                    Math.round(v.daysHeld(now) * 100) / 100.0, v.firstReplacementIssuedAt() != null,
                    s.nextDueAt() == null ? null : s.nextDueAt().toInstant(), s.needsAttention());
        }
    }

    record CaseDevices(String caseReference, List<DeviceSummary> devices) {
    }

    private final DeviceQueries devices;
    private final DeviceStatusService statuses;
    private final Clock clock;

    DeviceStatusController(DeviceQueries devices, DeviceStatusService statuses, Clock clock) {
        this.devices = devices;
        this.statuses = statuses;
        this.clock = clock;
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
    Page<DeviceSummary> search(@Parameter(hidden = true) Actor actor,
                               @RequestParam(required = false) String force,
                               @RequestParam(required = false) String lab,
                               @RequestParam(required = false) String stage,
                               @RequestParam(required = false) String ownerRole,
                               @RequestParam(required = false) Boolean held,
                               @RequestParam(defaultValue = "false") boolean overdue,
                               @RequestParam(required = false) Boolean needsAttention,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        new Params().oneOf("stage", stage, CustodyStage.values()).oneOf("ownerRole", ownerRole, OwnerRole.values())
                .text("force", force).text("lab", lab)
                .paging(page, size).validate();
        Instant now = clock.instant();
        var search = new DeviceQueries.Search(ForceFilter.of(actor, force), lab, stage, ownerRole, null, held,
                overdue ? now : null, needsAttention);
        return new Page<>(devices.search(search, page, size).stream().map(s -> DeviceSummary.of(s, now)).toList(),
                page, size, devices.count(search));
    }

    @GetMapping("/api/v1/cases/{caseReference}/devices")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "Every device under one case reference")
    CaseDevices byCase(@Parameter(hidden = true) Actor actor, @PathVariable String caseReference) {
        new Params().text("caseReference", caseReference).validate();
        var search = new DeviceQueries.Search(ForceFilter.of(actor, null), null, null, null, caseReference, null);
        Instant now = clock.instant();
        return new CaseDevices(caseReference, devices.search(search, 0, Page.MAX_SIZE).stream()
                .map(s -> DeviceSummary.of(s, now)).toList());
    }
}
