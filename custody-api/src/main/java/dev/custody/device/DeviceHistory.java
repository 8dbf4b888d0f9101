package dev.custody.device;

import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceSeized;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.custody.edge.NotFound;
import dev.custody.values.Actor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail: a device's full history read straight from the event store, never from a projection. What the
 * REST API answers at {@code GET /api/v1/devices/{id}/history} and the device page's timeline shows.
 */
@Service
public class DeviceHistory {

    /**
     * One stored event.
     *
     * @param sequence   position in the device's history, from 0; equals the record's version after the event
     * @param eventId    the event's unique id
     * @param type       the event type, e.g. {@code DeviceSeized}
     * @param occurredAt when it happened
     * @param recordedAt when the system was told
     * @param actor      the authenticated caller who told it
     * @param payload    the rest of the event as stored: what is particular to its type. The device id (once, on
     *                   the history), the times and the actor are not repeated in it.
     */
    public record HistoryEntry(long sequence, String eventId, String type, Instant occurredAt, Instant recordedAt,
                               Actor actor,
                               @JsonIgnoreProperties({"deviceId", "occurredAt", "recordedAt", "actor"})
                               DeviceEvent payload) {
    }

    /** Every event of a device, oldest first; the last entry's sequence is the record's current version. */
    public record History(UUID deviceId, List<HistoryEntry> events) {
    }

    private final EventStore eventStore;

    DeviceHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * @throws dev.custody.edge.Problem 404 {@code device-not-found} when there is no such device, or when
     *                                  {@code actor} may not see it: the two answer alike
     */
    public History of(Actor actor, UUID id) {
        List<HistoryEntry> entries = eventStore.readEvents(id.toString()).asStream()
                .map(DeviceHistory::entry)
                .toList();
        if (entries.isEmpty() || !actor.canSee(((DeviceSeized) entries.get(0).payload()).force())) {
            throw NotFound.device(id);
        }
        return new History(id, entries);
    }

    private static HistoryEntry entry(DomainEventMessage<?> message) {
        DeviceEvent event = (DeviceEvent) message.getPayload();
        return new HistoryEntry(message.getSequenceNumber(), message.getIdentifier(),
                event.getClass().getSimpleName(), event.occurredAt(), event.recordedAt(), event.actor(), event);
    }
}
