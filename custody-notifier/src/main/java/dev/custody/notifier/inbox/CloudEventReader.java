package dev.custody.notifier.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.custody.events.DeviceEvent;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the CloudEvents JSON of docs/events.md. {@code data} of a custody event is read into the contract's records
 * with the settings the event store writes them with (ISO dates, unknown properties ignored so a newer producer does
 * not break an older notifier).
 */
public final class CloudEventReader {

    static final String TYPE_PREFIX = "dev.custody.";

    private static final Map<String, Class<?>> EVENT_TYPES = Arrays.stream(DeviceEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(c -> TYPE_PREFIX + c.getSimpleName(), Function.identity()));

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    public Incoming read(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecord("empty record");
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new PoisonRecord("not JSON: " + e.getOriginalMessage());
        }
        if (envelope == null || !envelope.isObject()) {
            throw new PoisonRecord("not a CloudEvent: not a JSON object");
        }
        String id = text(envelope, "id");
        String type = text(envelope, "type");
        Instant time = instant(envelope, "time");
        if (!"1.0".equals(envelope.path("specversion").asText())) {
            throw new PoisonRecord("not a CloudEvents 1.0 record");
        }
        try {
            if (type.equals(TYPE_PREFIX + "AlertRaised") || type.equals(TYPE_PREFIX + "AlertResolved")) {
                return alert(id, time, type.endsWith("AlertRaised"), envelope);
            }
            Class<?> eventType = EVENT_TYPES.get(type);
            if (eventType == null) {
                return new Incoming.Ignored(id, time, type);
            }
            ForceCode force = new ForceCode(text(envelope, "force"));
            DeviceEvent event = (DeviceEvent) mapper.treeToValue(data(envelope), eventType);
            if (event.deviceId() == null || !event.deviceId().toString().equals(envelope.path("deviceid").asText())) {
                throw new PoisonRecord("data.deviceId does not match the envelope's deviceid");
            }
            return new Incoming.CustodyEvent(id, time, force, event);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new PoisonRecord("unreadable " + type + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private Incoming alert(String id, Instant time, boolean raised, JsonNode envelope) {
        JsonNode data = data(envelope);
        return new Incoming.Alert(id, time, new ForceCode(text(envelope, "force")), raised,
                AlertRule.valueOf(text(data, "rule")),
                DeviceId.of(text(envelope, "deviceid")),
                data.hasNonNull("ownerRole") ? OwnerRole.valueOf(data.get("ownerRole").asText()) : OwnerRole.OTHER,
                data.hasNonNull("severity") ? AlertSeverity.valueOf(data.get("severity").asText()) : AlertSeverity.WARNING,
                data.hasNonNull("dueAt") ? Instant.parse(data.get("dueAt").asText()) : null,
                data.hasNonNull("raisedAt") ? Instant.parse(data.get("raisedAt").asText()) : time);
    }

    private static JsonNode data(JsonNode envelope) {
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            throw new PoisonRecord("CloudEvent without data");
        }
        return data;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new PoisonRecord("CloudEvent without " + field);
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (java.time.format.DateTimeParseException e) {
            throw new PoisonRecord("CloudEvent with a malformed " + field);
        }
    }
}
