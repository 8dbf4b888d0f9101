package dev.custody.projections.queue;

import dev.custody.edge.NotFound;
import dev.custody.edge.Params;
import dev.custody.projections.access.ForceFilter;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.DeviceQueries.StoredStatus;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.deadline.OpenDeadlines;
import dev.custody.queries.ExpectedReturn;
import dev.custody.values.Actor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A forensic lab's prioritised queue, each place explained. */
@RestController
@Tag(name = "Lab queue")
class LabQueueController {

    /** One device in the queue; {@code position} counts from 1. */
    record QueueEntry(int position, UUID deviceId, String caseReference, String stage, String ownerRole,
                      String deviceType, Instant seizedAt, double daysHeld, Instant nextDueAt, List<String> reasons,
                      ExpectedReturn expectedReturn) {
    }

    record LabQueue(String lab, long total, double completedPerDay, List<QueueEntry> entries) {
    }

    private final DeviceQueries devices;
    private final ExpectedReturnEstimator estimator;
    private final OpenDeadlines openDeadlines;
    private final Clock clock;

    LabQueueController(DeviceQueries devices, ExpectedReturnEstimator estimator, OpenDeadlines openDeadlines,
                       Clock clock) {
        this.devices = devices;
        this.openDeadlines = openDeadlines;
        this.estimator = estimator;
        this.clock = clock;
    }

    @GetMapping("/api/v1/labs/{lab}/queue")
    @PreAuthorize("hasAnyRole('LAB','OFFICER','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "The lab's queue in priority order",
            description = "Data at risk first, then victims with enhanced rights, then the nearest or most overdue "
                    + "deadline, then the longest held. Each entry says why it is where it is.")
    LabQueue queue(@Parameter(hidden = true) Actor actor, @PathVariable String lab,
                   @RequestParam(defaultValue = "100") int limit) {
        new Params().text("lab", lab).limit("limit", limit).validate();
        String force = ForceFilter.of(actor, null);
        boolean ownLab = actor.lab() != null && actor.lab().value().equals(lab);
        if (!ownLab && !devices.labHolds(lab, force)) {
            throw NotFound.labQueue(lab);
        }
        Instant now = clock.instant();
        List<StoredStatus> waiting = devices.labQueue(lab, force, ExpectedReturnEstimator.QUEUE_STAGES, limit);
        double rate = estimator.labRatePerDay(lab, now);
        List<QueueEntry> entries = new ArrayList<>();
        int position = 1;
        for (StoredStatus s : waiting) {
            DeviceView v = s.view();
            entries.add(new QueueEntry(position++, v.deviceId(), v.caseReference(), v.stage().name(),
                    v.ownerRole().name(), v.deviceType().name(), v.seizedAt(), round(v.daysHeld(now)),
                    s.nextDueAt() == null ? null : s.nextDueAt().toInstant(),
                    QueuePriority.reasons(s, openDeadlines.of(v), now),
                    estimator.estimate(v).orElse(null)));
        }
        long total = devices.labQueueLength(lab, force, ExpectedReturnEstimator.QUEUE_STAGES);
        return new LabQueue(lab, total, round(rate), entries);
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

}
