package dev.custody.server.quarantine;

import dev.custody.processing.Quarantine;
import dev.custody.processing.QuarantineRetrier;
import dev.custody.processing.QuarantineRetrier.Outcome;
import dev.custody.edge.Problem;
import dev.custody.edge.Params;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The quarantine, for admins: the events every processor set aside after they kept failing, and retrying one once
 * its cause is fixed (a code fix deployed, or the stored event repaired).
 */
@RestController
@RequestMapping("/api/v1/admin/quarantine")
@Tag(name = "Administration")
class QuarantineController {

    private static final Set<String> STATES = Set.of(Quarantine.QUARANTINED, Quarantine.RESOLVED);

    /**
     * A quarantined event.
     *
     * @param state       QUARANTINED (failed; for device-projection and kafka-publisher the device's later events wait
     *                    behind it) or RESOLVED (applied since, by a retry or a rebuild)
     * @param globalIndex the event's position in the event store (Axon processors)
     * @param topic       the consumed record's topic, partition and offset (the notifier)
     * @param waiting     the device's later events waiting behind it (0 for the notifier, which handles them);
     *                    null where its processor does not run on this node
     */
    record QuarantinedEvent(UUID id, String processor, String state, String deviceId, Long globalIndex,
                            Long sequenceNumber, String eventId, String eventType, String topic, Integer partition,
                            Long offset, Error error, int attempts, Instant quarantinedAt, Instant lastAttemptAt,
                            Long waiting, Instant resolvedAt, String resolvedBy, String resolution) {
    }

    /** The last failure: the innermost exception's class and its message, cut to 2,000 characters. */
    record Error(String type, String message) {
    }

    /** What a retry did, and the row as it stands now. */
    record RetryResult(String result, int applied, UUID quarantined, QuarantinedEvent event) {
    }

    private final Quarantine quarantine;
    private final List<QuarantineRetrier> retriers;

    QuarantineController(Quarantine quarantine, List<QuarantineRetrier> retriers) {
        this.quarantine = quarantine;
        this.retriers = retriers;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Events set aside by a processor after failing again and again, newest first",
            description = "state: QUARANTINED (default), RESOLVED or ALL. processor: device-projection, "
                    + "kafka-publisher or custody-notifier; all by default.")
    List<QuarantinedEvent> list(@RequestParam(required = false) String processor,
                                @RequestParam(defaultValue = Quarantine.QUARANTINED) String state,
                                @RequestParam(defaultValue = "100") int limit) {
        new Params().text("processor", processor)
                .oneOf("state", state, List.of(Quarantine.QUARANTINED, Quarantine.RESOLVED, "ALL"))
                .limit("limit", limit)
                .validate();
        return quarantine.list(processor, "ALL".equals(state) ? STATES : Set.of(state), limit).stream()
                .map(this::view).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "One quarantined event")
    QuarantinedEvent one(@PathVariable UUID id) {
        return view(find(id));
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Retry a quarantined event once its cause is fixed",
            description = "Handles the event again through its processor, then every later event of its device that "
                    + "waited behind it, in order. result APPLIED: the device flows again; STILL_FAILING: the event "
                    + "failed again (the new error is recorded); STOPPED_AT_LATER_EVENT: it was applied and a later "
                    + "event of the device is quarantined now. 409 when the row is not quarantined or its processor "
                    + "does not run on this node; 503 when the database or broker is away.")
    RetryResult retry(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        Quarantine.Entry entry = find(id);
        if (!Quarantine.QUARANTINED.equals(entry.state())) {
            throw Problem.conflict("not-quarantined",
                    "Quarantine row " + id + " is " + entry.state() + "; only a QUARANTINED row is retried");
        }
        QuarantineRetrier retrier = retrierOf(entry.processor()).orElseThrow(() -> Problem.conflict(
                "processor-not-on-this-node", "Processor " + entry.processor()
                        + " does not run on this node; retry through a node that runs it"));
        Outcome outcome;
        try {
            outcome = retrier.retry(entry, actor.id());
        } catch (QuarantineRetrier.RetryUnavailable e) {
            // The cause is transient and already logged by the retrier; the caller needs only "retry later".
            throw new Problem(HttpStatus.SERVICE_UNAVAILABLE, "resource-unavailable",
                    "The database or the broker is unavailable; retry later", List.of());
        }
        return new RetryResult(outcome.result(), outcome.applied(), outcome.quarantined(), view(find(id)));
    }

    private Quarantine.Entry find(UUID id) {
        return quarantine.find(id).orElseThrow(() -> Problem.notFound("quarantine-not-found",
                "There is no quarantine row " + id));
    }

    private Optional<QuarantineRetrier> retrierOf(String processor) {
        return retriers.stream().filter(r -> r.handles(processor)).findFirst();
    }

    private QuarantinedEvent view(Quarantine.Entry e) {
        Long waiting = Quarantine.QUARANTINED.equals(e.state())
                ? retrierOf(e.processor()).map(r -> r.waiting(e)).orElse(null) : null;
        return new QuarantinedEvent(e.id(), e.processor(), e.state(), e.deviceId(), e.globalIndex(),
                e.sequenceNumber(), e.eventId(), e.eventType(), e.topic(), e.partition(), e.offset(),
                new Error(e.errorClass(), e.errorMessage()), e.attempts(), e.quarantinedAt(), e.lastAttemptAt(),
                waiting, e.resolvedAt(), e.resolvedBy(), e.resolution());
    }
}
