package dev.custody.projections.status;

import dev.custody.edge.Params;
import dev.custody.projections.access.ForceFilter;
import dev.custody.projections.access.Page;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.OwnerRole;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Lists of devices from the read model, scoped by force ({@link ForceFilter}): the REST API's search and case
 * endpoints and the officer's pages (their devices, a case's, a search) answer from here alike.
 */
@Service
public class DeviceSearch {

    /**
     * A device in a list: enough to find it and see where it is.
     *
     * @param needsAttention an event of the device is quarantined and its later events wait behind it (see
     *                       {@link StoredStatus#needsAttention()})
     */
    public record DeviceSummary(UUID deviceId, long version, String force, String caseReference, String deviceType,
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

        /** Whether a deadline of the device was due at {@code now}. */
        public boolean overdueAt(Instant now) {
            return held && nextDueAt != null && !nextDueAt.isAfter(now);
        }
    }

    public record CaseDevices(String caseReference, List<DeviceSummary> devices) {
    }

    /**
     * What to list; null (or false) filters nothing.
     *
     * @param force    another force than the caller's own only for inspectors (a 403 otherwise)
     * @param overdue  held devices past a deadline
     * @param needsAttention devices with (true) or without (false) a quarantined event
     * @param seizedBy devices whose current seizure this person recorded
     */
    public record Filters(String force, String lab, CustodyStage stage, OwnerRole ownerRole, String caseReference,
                          Boolean held, boolean overdue, Boolean needsAttention, String seizedBy) {
    }

    private final DeviceQueries devices;
    private final Clock clock;

    DeviceSearch(DeviceQueries devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * Newest seizure first.
     *
     * @throws dev.custody.edge.Problem 400 naming every bad filter or paging parameter; 403 for another force
     */
    public Page<DeviceSummary> search(Actor actor, Filters filters, int page, int size) {
        new Params().text("force", filters.force()).text("lab", filters.lab())
                .text("caseReference", filters.caseReference()).text("seizedBy", filters.seizedBy())
                .paging(page, size).validate();
        Instant now = clock.instant();
        var search = new DeviceQueries.Search(ForceFilter.of(actor, filters.force()), filters.lab(),
                filters.stage() == null ? null : filters.stage().name(),
                filters.ownerRole() == null ? null : filters.ownerRole().name(), filters.caseReference(),
                filters.held(), filters.overdue() ? now : null, filters.needsAttention(), filters.seizedBy());
        return new Page<>(devices.search(search, page, size).stream().map(s -> DeviceSummary.of(s, now)).toList(),
                page, size, devices.count(search));
    }

    /** Every device under one case reference of the caller's force (at most {@link Page#MAX_SIZE}). */
    public CaseDevices byCase(Actor actor, String caseReference) {
        new Params().text("caseReference", caseReference).validate();
        var search = new DeviceQueries.Search(ForceFilter.of(actor, null), null, null, null, caseReference, null);
        Instant now = clock.instant();
        return new CaseDevices(caseReference, devices.search(search, 0, Page.MAX_SIZE).stream()
                .map(s -> DeviceSummary.of(s, now)).toList());
    }
}
