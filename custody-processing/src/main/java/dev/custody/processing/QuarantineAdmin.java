package dev.custody.processing;

import dev.custody.edge.Problem;
import dev.custody.edge.Params;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The quarantine as admins see it, shared by the REST API ({@code /api/v1/admin/quarantine}) and the admin page: the
 * rows with how many events wait behind each, and a retry with its refusals. Refusals are {@link Problem}s: 400 for
 * a bad filter, 404 for an unknown row, 409 for a row that is not quarantined or whose processor does not run on
 * this node, 503 when the database or broker is away.
 */
@Service
public class QuarantineAdmin {

    /** The rows a list shows: those still quarantined, those resolved since, or both. */
    public enum Shown {
        QUARANTINED(Quarantine.QUARANTINED),
        RESOLVED(Quarantine.RESOLVED),
        ALL(Quarantine.QUARANTINED, Quarantine.RESOLVED);

        private final Set<String> states;

        Shown(String... states) {
            this.states = Set.of(states);
        }
    }

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
    public record QuarantinedEvent(UUID id, String processor, String state, String deviceId, Long globalIndex,
                                   Long sequenceNumber, String eventId, String eventType, String topic,
                                   Integer partition, Long offset, Error error, int attempts, Instant quarantinedAt,
                                   Instant lastAttemptAt, Long waiting, Instant resolvedAt, String resolvedBy,
                                   String resolution) {
    }

    /** The last failure: the innermost exception's class and its message, cut to 2,000 characters. */
    public record Error(String type, String message) {
    }

    /**
     * What a retry did, and the row as it stands now.
     *
     * @param result APPLIED, STILL_FAILING or STOPPED_AT_LATER_EVENT ({@link QuarantineRetrier.Outcome})
     */
    public record RetryResult(String result, int applied, UUID quarantined, QuarantinedEvent event) {
    }

    private final Quarantine quarantine;
    private final List<QuarantineRetrier> retriers;

    QuarantineAdmin(Quarantine quarantine, List<QuarantineRetrier> retriers) {
        this.quarantine = quarantine;
        this.retriers = retriers;
    }

    /**
     * Newest first.
     *
     * @param processor one processor, or null for all
     * @param limit     within the bounds of every query's limit ({@link Params#limit})
     */
    public List<QuarantinedEvent> list(String processor, Shown shown, int limit) {
        new Params().text("processor", processor).limit("limit", limit).validate();
        return quarantine.list(processor, shown.states, limit).stream().map(this::view).toList();
    }

    public QuarantinedEvent one(UUID id) {
        return view(find(id));
    }

    /**
     * Handles the event again through its processor, then every later event of its device that waited behind it.
     *
     * @param by the admin asking, recorded as the resolver
     */
    public RetryResult retry(UUID id, String by) {
        Quarantine.Entry entry = find(id);
        if (!Quarantine.QUARANTINED.equals(entry.state())) {
            throw Problem.conflict("not-quarantined",
                    "Quarantine row " + id + " is " + entry.state() + "; only a QUARANTINED row is retried");
        }
        QuarantineRetrier retrier = retrierOf(entry.processor()).orElseThrow(() -> Problem.conflict(
                "processor-not-on-this-node", "Processor " + entry.processor()
                        + " does not run on this node; retry through a node that runs it"));
        QuarantineRetrier.Outcome outcome;
        try {
            outcome = retrier.retry(entry, by);
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
