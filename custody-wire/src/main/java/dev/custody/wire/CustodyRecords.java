package dev.custody.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.events.AlertMessage;
import dev.custody.events.DeviceEvent;
import dev.custody.events.EventJson;
import dev.custody.values.ForceCode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.PojoCloudEventData;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.jackson.PojoCloudEventDataMapper;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The records of {@code custody.events.v1} and {@code custody.alerts.v1} (docs/events.md): CloudEvents 1.0 in
 * structured JSON mode, keyed by device id, built and read with the CloudEvents SDK. {@code data} is the contract's
 * record written by {@link EventJson}, the mapping the event store uses, so a custody event's data is the event
 * exactly as stored. Schemas: {@code custody-events/src/main/resources/schemas/}.
 * <p>
 * The value is text (UTF-8 JSON) so that producers and consumers keep Kafka's String serialisers; the SDK's
 * {@code content-type: application/cloudevents+json} header goes with it.
 */
public final class CustodyRecords {

    public static final String TYPE_PREFIX = "dev.custody.";
    public static final String SOURCE_PREFIX = "urn:custody:force:";
    static final String DATA_CONTENT_TYPE = "application/json";

    /** Extension attributes, as CloudEvents requires them: lower-case letters and digits. */
    static final String DEVICE_ID = "deviceid";
    static final String FORCE = "force";
    static final String SEQUENCE = "sequence";
    static final String OCCURRED_AT = "occurredat";
    static final String RECORDED_AT = "recordedat";

    private static final EventFormat FORMAT = new JsonFormat();
    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final Map<String, Class<?>> EVENT_TYPES = Arrays.stream(DeviceEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(c -> TYPE_PREFIX + c.getSimpleName(), Function.identity()));
    private static final Map<String, AlertMessage.Change> ALERT_TYPES = Arrays.stream(AlertMessage.Change.values())
            .collect(Collectors.toMap(c -> TYPE_PREFIX + c.typeName(), Function.identity()));

    private CustodyRecords() {
    }

    /**
     * A stored custody event as its record.
     *
     * @param eventId  the event store's identifier of the event: the CloudEvents id
     * @param sequence the event's position in the device's history, from 0
     * @param force    the device's force, from its seizure
     */
    public static ProducerRecord<String, String> event(String topic, String eventId, long sequence, DeviceEvent event,
                                                       ForceCode force) {
        CloudEvent cloudEvent = envelope(eventId, event.getClass().getSimpleName(), event.deviceId().toString(),
                event.recordedAt(), force)
                .withExtension(SEQUENCE, Math.toIntExact(sequence))
                .withExtension(OCCURRED_AT, event.occurredAt().toString())
                .withExtension(RECORDED_AT, event.recordedAt().toString())
                .withData(PojoCloudEventData.wrap(event, MAPPER::writeValueAsBytes))
                .build();
        return structured(topic, event.deviceId().toString(), cloudEvent);
    }

    /**
     * An alert change as its record.
     *
     * @param id the change's stable id ({@code alert-log-<n>})
     */
    public static ProducerRecord<String, String> alert(String topic, String id, AlertMessage alert) {
        CloudEvent cloudEvent = envelope(id, alert.change().typeName(), alert.deviceId().toString(),
                alert.changedAt(), alert.force())
                .withData(PojoCloudEventData.wrap(alert, MAPPER::writeValueAsBytes))
                .build();
        return structured(topic, alert.deviceId().toString(), cloudEvent);
    }

    /**
     * Reads a record of either topic. A record whose headers name its encoding (structured, or binary with
     * {@code ce_} headers) is read as they say; one without (a value replayed by hand) as structured JSON.
     *
     * @throws UnreadableMessage when it is not a CloudEvent of the contract; a type from a newer producer is
     *                           {@link WireMessage.Unknown}, not unreadable
     */
    public static WireMessage read(Headers headers, String value) {
        if (value == null || value.isBlank()) {
            throw new UnreadableMessage("empty record");
        }
        CloudEvent event = parse(headers, value.getBytes(StandardCharsets.UTF_8));
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new UnreadableMessage("not a CloudEvents 1.0 record");
        }
        String type = event.getType();
        if (event.getTime() == null) {
            throw new UnreadableMessage("CloudEvent without time");
        }
        Instant time = event.getTime().toInstant();
        AlertMessage.Change change = ALERT_TYPES.get(type);
        Class<?> eventType = EVENT_TYPES.get(type);
        if (change == null && eventType == null) {
            return new WireMessage.Unknown(event.getId(), time, type);
        }
        try {
            ForceCode force = new ForceCode(text(event, FORCE));
            String deviceId = text(event, DEVICE_ID);
            if (change != null) {
                AlertMessage alert = data(event, AlertMessage.class);
                if (alert.deviceId() == null || !alert.deviceId().toString().equals(deviceId)
                        || alert.change() != change || alert.rule() == null) {
                    throw new UnreadableMessage("the alert's data does not match its envelope");
                }
                return new WireMessage.Alert(event.getId(), time, force, alert);
            }
            DeviceEvent custodyEvent = (DeviceEvent) data(event, eventType);
            if (custodyEvent.deviceId() == null || !custodyEvent.deviceId().toString().equals(deviceId)) {
                throw new UnreadableMessage("data.deviceId does not match the envelope's deviceid");
            }
            Object sequence = event.getExtension(SEQUENCE);
            return new WireMessage.CustodyEvent(event.getId(), time, force,
                    sequence instanceof Number n ? n.longValue() : -1, custodyEvent);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableMessage("unreadable " + type + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static CloudEventBuilder envelope(String id, String typeName, String deviceId, Instant time,
                                              ForceCode force) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create(SOURCE_PREFIX + force.value()))
                .withType(TYPE_PREFIX + typeName)
                .withSubject(deviceId)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType(DATA_CONTENT_TYPE)
                .withExtension(DEVICE_ID, deviceId)
                .withExtension(FORCE, force.value());
    }

    private static ProducerRecord<String, String> structured(String topic, String key, CloudEvent event) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(topic, key)
                .writeStructured(event, FORMAT);
        return new ProducerRecord<>(topic, null, key, new String(record.value(), StandardCharsets.UTF_8),
                record.headers());
    }

    private static CloudEvent parse(Headers headers, byte[] value) {
        try {
            boolean encodingNamed = headers != null && (headers.lastHeader("ce_specversion") != null
                    || contentType(headers).startsWith("application/cloudevents"));
            return encodingNamed ? KafkaMessageFactory.createReader(headers, value).toEvent() : FORMAT.deserialize(value);
        } catch (RuntimeException e) {
            throw new UnreadableMessage("not a CloudEvent: " + rootMessage(e), e);
        }
    }

    private static String contentType(Headers headers) {
        var header = headers.lastHeader("content-type");
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T data(CloudEvent event, Class<T> type) {
        CloudEventData data = event.getData();
        if (data == null) {
            throw new UnreadableMessage("CloudEvent without data");
        }
        try {
            return PojoCloudEventDataMapper.from(MAPPER, type).map(data).getValue();
        } catch (RuntimeException e) {
            throw new UnreadableMessage("unreadable " + event.getType() + ": " + rootMessage(e), e);
        }
    }

    private static String text(CloudEvent event, String extension) {
        Object value = event.getExtension(extension);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new UnreadableMessage("CloudEvent without " + extension);
        }
        return s;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName();
        return root.getMessage() == null ? message : message + ": " + firstLine(root.getMessage());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
