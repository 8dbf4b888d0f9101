package dev.custody.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.edge.NotFound;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail: a device's full history read straight from the event store, never from a projection.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Audit history")
class DeviceHistoryController {

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
    record HistoryEntry(long sequence, String eventId, String type, Instant occurredAt, Instant recordedAt,
                        Actor actor,
                        @JsonIgnoreProperties({"deviceId", "occurredAt", "recordedAt", "actor"}) DeviceEvent payload) {
    }

    record History(UUID deviceId, List<HistoryEntry> events) {
    }

    private final EventStore eventStore;

    DeviceHistoryController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAnyRole('OFFICER','LAB','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "The device's full, immutable event history")
    History history(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        List<HistoryEntry> entries = eventStore.readEvents(id.toString()).asStream()
                .map(DeviceHistoryController::entry)
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
