package dev.custody.server.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.events.DeviceEvent;

import java.time.Instant;

/**
 * Builds the CloudEvents 1.0 JSON envelopes of docs/events.md. The {@code data} of a custody event is the event's
 * JSON exactly as stored in the event store, written by the same mapper.
 */
final class CloudEvents {

    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    static final String TYPE_PREFIX = "dev.custody.";

    private CloudEvents() {
    }

    static ObjectNode custodyEvent(ObjectMapper storeMapper, String eventId, long sequence, DeviceEvent event,
                                   String force) {
        ObjectNode envelope = envelope(storeMapper, eventId, TYPE_PREFIX + event.getClass().getSimpleName(),
                event.deviceId().toString(), event.recordedAt(), force);
        envelope.put("sequence", sequence);
        envelope.put("occurredat", event.occurredAt().toString());
        envelope.put("recordedat", event.recordedAt().toString());
        envelope.set("data", storeMapper.valueToTree(event));
        return envelope;
    }

    static ObjectNode alert(ObjectMapper mapper, String id, String type, String deviceId, Instant time, String force,
                            JsonNode data) {
        ObjectNode envelope = envelope(mapper, id, TYPE_PREFIX + type, deviceId, time, force);
        envelope.set("data", data);
        return envelope;
    }

    private static ObjectNode envelope(ObjectMapper mapper, String id, String type, String deviceId, Instant time,
                                       String force) {
        ObjectNode envelope = mapper.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("source", "urn:custody:force:" + force);
        envelope.put("type", type);
        envelope.put("subject", deviceId);
        envelope.put("time", time.toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("deviceid", deviceId);
        envelope.put("force", force);
        return envelope;
    }
}
