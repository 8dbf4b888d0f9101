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
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A forensic lab's prioritised queue, each place explained: what the REST API answers at
 * {@code GET /api/v1/labs/{lab}/queue} and the lab's page shows.
 */
@Service
public class LabQueueService {

    /** One device in the queue; {@code position} counts from 1. */
    public record QueueEntry(int position, UUID deviceId, String caseReference, String stage, String ownerRole,
                             String deviceType, Instant seizedAt, double daysHeld, Instant nextDueAt,
                             List<String> reasons, ExpectedReturn expectedReturn) {
    }

    /** The first {@code entries} of a lab's queue, of {@code total} waiting. */
    public record LabQueue(String lab, long total, double completedPerDay, List<QueueEntry> entries) {
    }

    private final DeviceQueries devices;
    private final ExpectedReturnEstimator estimator;
    private final OpenDeadlines openDeadlines;
    private final Clock clock;

    LabQueueService(DeviceQueries devices, ExpectedReturnEstimator estimator, OpenDeadlines openDeadlines,
                    Clock clock) {
        this.devices = devices;
        this.estimator = estimator;
        this.openDeadlines = openDeadlines;
        this.clock = clock;
    }

    /**
     * The first {@code limit} devices of {@code lab}'s queue that {@code actor} may see: inspectors see every force's,
     * everyone else their own force's.
     *
     * @throws dev.custody.edge.Problem 404 for a lab that holds none of the caller's force's devices (unless it is
     *                                  the caller's own), as for a lab that does not exist
     */
    public LabQueue queue(Actor actor, String lab, int limit) {
        new Params().text("lab", lab).limit("limit", limit).validate();
        String force = ForceFilter.of(actor, null);
        boolean ownLab = actor.lab() != null && actor.lab().value().equals(lab);
        if (!ownLab && !devices.labHolds(lab, force)) {
            throw NotFound.labQueue(lab);
        }
        Instant now = clock.instant();
        List<StoredStatus> waiting = devices.labQueue(lab, force, ExpectedReturnEstimator.QUEUE_STAGES, limit);
        ExpectedReturnEstimator.Lab figures = estimator.lab(lab, now);
        List<QueueEntry> entries = new ArrayList<>();
        int position = 1;
        for (StoredStatus s : waiting) {
            DeviceView v = s.view();
            // The devices ahead of this one are those listed before it: the queue's order is the estimate's.
            entries.add(new QueueEntry(position, v.deviceId(), v.caseReference(), v.stage().name(),
                    v.ownerRole().name(), v.deviceType().name(), v.seizedAt(), round(v.daysHeld(now)),
                    s.nextDueAt() == null ? null : s.nextDueAt().toInstant(),
                    QueuePriority.reasons(s, openDeadlines.of(v), now),
                    figures.estimate(v, position - 1).orElse(null)));
            position++;
        }
        long total = devices.labQueueLength(lab, force, ExpectedReturnEstimator.QUEUE_STAGES);
        return new LabQueue(lab, total, round(figures.ratePerDay()), entries);
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
