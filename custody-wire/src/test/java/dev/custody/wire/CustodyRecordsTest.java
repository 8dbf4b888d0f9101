package dev.custody.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.events.AlertMessage;
import dev.custody.events.ContractSchemas;
import dev.custody.events.DeviceEvent;
import dev.custody.events.EventJson;
import dev.custody.events.Samples;
import dev.custody.values.ForceCode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The records the producers write, through the same code the server's publishers use: every event type and every
 * alert change is valid against the topics' JSON Schemas, keeps the envelope of docs/events.md, and reads back as
 * it was written. Records written before the SDK (by hand, without headers) still read.
 */
class CustodyRecordsTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final ForceCode FORCE = new ForceCode("dyfed-powys");
    private static final String DEVICE = "6c6bc77b-b792-4e6a-97e3-c28c6a874353";

    @Test
    void everyEventTypeIsWrittenAsASchemaValidCloudEventAndReadsBack() throws Exception {
        List<DeviceEvent> events = Samples.everyEvent();
        assertThat(events).hasSize(DeviceEvent.class.getPermittedSubclasses().length);
        long sequence = 0;
        for (DeviceEvent event : events) {
            ProducerRecord<String, String> record = CustodyRecords.event("custody.events.v1", "e-" + sequence,
                    sequence, event, FORCE);
            assertThat(ContractSchemas.errors(ContractSchemas.EVENTS_TOPIC, record.value())).as(record.value())
                    .isEmpty();
            assertThat(record.topic()).isEqualTo("custody.events.v1");
            assertThat(record.key()).isEqualTo(DEVICE);
            assertThat(contentType(record)).isEqualTo("application/cloudevents+json");

            JsonNode envelope = JSON.readTree(record.value());
            assertThat(envelope.get("type").asText()).isEqualTo("dev.custody." + event.getClass().getSimpleName());
            assertThat(envelope.get("sequence").isIntegralNumber()).isTrue();
            assertThat(envelope.get("sequence").asLong()).isEqualTo(sequence);
            assertThat(envelope.get("data")).as("the event exactly as the store writes it")
                    .isEqualTo(JSON.readTree(JSON.writeValueAsString(event)));

            WireMessage read = CustodyRecords.read(record.headers(), record.value());
            assertThat(read).isEqualTo(new WireMessage.CustodyEvent("e-" + sequence, event.recordedAt(), FORCE,
                    sequence, event));
            sequence++;
        }
    }

    @ParameterizedTest
    @EnumSource(AlertMessage.Change.class)
    void everyAlertChangeIsWrittenAsASchemaValidCloudEventAndReadsBack(AlertMessage.Change change) throws Exception {
        AlertMessage alert = Samples.alert(change);
        ProducerRecord<String, String> record = CustodyRecords.alert("custody.alerts.v1", "alert-log-7", alert);
        assertThat(ContractSchemas.errors(ContractSchemas.ALERTS_TOPIC, record.value())).as(record.value()).isEmpty();
        JsonNode envelope = JSON.readTree(record.value());
        assertThat(envelope.get("type").asText()).isEqualTo("dev.custody." + change.typeName());
        assertThat(envelope.get("time").asText()).isEqualTo("2026-11-24T11:00:00Z");
        assertThat(record.key()).isEqualTo(alert.deviceId().toString());
        assertThat(CustodyRecords.read(record.headers(), record.value()))
                .isEqualTo(new WireMessage.Alert("alert-log-7", alert.changedAt(), FORCE, alert));
    }

    @Test
    void theEnvelopeHasTheAttributesOfDocsEventsMd() throws Exception {
        DeviceEvent event = Samples.everyEvent().get(0);
        JsonNode envelope = JSON.readTree(CustodyRecords.event("t", "e-1", 0, event, FORCE).value());
        List<String> names = new java.util.ArrayList<>();
        envelope.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("specversion", "id", "source", "type", "subject", "time",
                "datacontenttype", "deviceid", "force", "sequence", "occurredat", "recordedat", "data");
        assertThat(envelope.get("source").asText()).isEqualTo("urn:custody:force:dyfed-powys");
        assertThat(envelope.get("subject").asText()).isEqualTo(DEVICE);
        assertThat(envelope.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(envelope.get("recordedat").asText()).isEqualTo(event.recordedAt().toString());
        assertThat(Instant.parse(envelope.get("time").asText())).isEqualTo(event.recordedAt());
    }

    @Test
    void aRecordWrittenByHandBeforeTheSdkWithoutHeadersStillReads() {
        // As the server wrote it before the CloudEvents SDK, and as an operator replays a parked value by hand.
        WireMessage read = CustodyRecords.read(new RecordHeaders(), """
                {"specversion":"1.0","id":"e-1","source":"urn:custody:force:dyfed-powys","type":"dev.custody.DeviceReturned",
                 "subject":"4bfb1336-c47d-4b3a-90b2-4b939887711c","time":"2026-11-24T10:00:00Z",
                 "datacontenttype":"application/json",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys","sequence":5,
                 "occurredat":"2026-11-24T09:00:00Z","recordedat":"2026-11-24T10:00:00Z",
                 "data":{"deviceId":"4bfb1336-c47d-4b3a-90b2-4b939887711c","occurredAt":"2026-11-24T09:00:00Z",
                   "recordedAt":"2026-11-24T10:00:00Z","actor":{"id":"pc-1","roles":["OFFICER"],"force":"dyfed-powys"},
                   "returnedTo":"OWNER","aFieldFromTheFuture":1}}
                """);
        assertThat(read).isInstanceOfSatisfying(WireMessage.CustodyEvent.class, e -> {
            assertThat(e.id()).isEqualTo("e-1");
            assertThat(e.sequence()).isEqualTo(5);
            assertThat(e.force()).isEqualTo(FORCE);
            assertThat(e.event()).isInstanceOf(DeviceEvent.DeviceReturned.class);
        });
        assertThat(CustodyRecords.read(new RecordHeaders(), """
                {"specversion":"1.0","id":"alert-log-7","source":"urn:custody:force:dyfed-powys","type":"dev.custody.AlertRaised",
                 "subject":"4bfb1336-c47d-4b3a-90b2-4b939887711c","time":"2026-11-24T10:00:00Z","datacontenttype":"application/json",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys",
                 "data":{"alertId":"0b8b0f1e-7c4e-4c1b-9d55-0f0f3c2a9e11","rule":"RETURN_24H","deviceId":"4bfb1336-c47d-4b3a-90b2-4b939887711c",
                   "force":"dyfed-powys","ownerRole":"VICTIM","severity":"BREACH","seizureNumber":1,"dueAt":"2026-11-24T09:00:00Z",
                   "raisedAt":"2026-11-24T10:00:00Z","state":"OPEN","change":"RAISED","changedAt":"2026-11-24T10:00:00Z"}}
                """)).isInstanceOfSatisfying(WireMessage.Alert.class, a -> assertThat(a.raised()).isTrue());
    }

    @Test
    void aBinaryModeRecordReadsToo() {
        DeviceEvent event = Samples.everyEvent().get(0);
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId("e-9").withSource(URI.create("urn:custody:force:dyfed-powys"))
                .withType("dev.custody." + event.getClass().getSimpleName()).withSubject(DEVICE)
                .withTime(OffsetDateTime.parse("2026-11-24T10:00:00Z")).withDataContentType("application/json")
                .withExtension("deviceid", DEVICE).withExtension("force", "dyfed-powys")
                .withData(CustodyRecordsTest.bytes(event)).build();
        ProducerRecord<String, byte[]> binary = KafkaMessageFactory.createWriter("t", DEVICE).writeBinary(cloudEvent);
        assertThat(binary.headers().lastHeader("ce_specversion")).isNotNull();
        assertThat(CustodyRecords.read(binary.headers(), new String(binary.value(), StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(WireMessage.CustodyEvent.class, e -> assertThat(e.event()).isEqualTo(event));
    }

    @Test
    void aTypeFromANewerProducerIsUnknownNotUnreadable() {
        assertThat(CustodyRecords.read(null, """
                {"specversion":"1.0","id":"e-2","source":"urn:custody:force:dyfed-powys","type":"dev.custody.SomethingNew",
                 "time":"2026-11-24T10:00:00Z","deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys","data":{}}
                """)).isEqualTo(new WireMessage.Unknown("e-2", Instant.parse("2026-11-24T10:00:00Z"),
                "dev.custody.SomethingNew"));
    }

    @Test
    void whatIsNotACloudEventOfTheContractIsUnreadable() {
        String envelope = """
                {"specversion":"1.0","id":"a","source":"urn:custody:force:dyfed-powys","type":"%s","time":"2026-11-24T10:00:00Z",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"%s","datacontenttype":"application/json","data":%s}
                """;
        String returned = """
                {"deviceId":"%s","occurredAt":"2026-11-24T09:00:00Z","recordedAt":"2026-11-24T10:00:00Z",
                 "actor":{"id":"pc-1","roles":["OFFICER"]}}""";
        for (String value : List.of("", "not json at all", "{\"specversion\":\"1.0\",\"type\":\"dev.custody.DeviceReturned\"}",
                envelope.formatted("dev.custody.AlertRaised", "dyfed-powys", "{\"rule\":\"NO_SUCH_RULE\"}"),
                envelope.formatted("dev.custody.DeviceReturned", "dyfed-powys",
                        returned.formatted("00000000-0000-0000-0000-000000000001")),
                envelope.formatted("dev.custody.DeviceReturned", "Not A Force",
                        returned.formatted("4bfb1336-c47d-4b3a-90b2-4b939887711c")),
                envelope.formatted("dev.custody.DeviceReturned", "dyfed-powys", "\"text\""))) {
            assertThatThrownBy(() -> CustodyRecords.read(null, value)).as(value)
                    .isInstanceOf(UnreadableMessage.class);
        }
        assertThat(CustodyRecords.read(null, envelope.formatted("dev.custody.DeviceReturned", "dyfed-powys",
                returned.formatted("4bfb1336-c47d-4b3a-90b2-4b939887711c")))).isNotNull();
    }

    private static String contentType(ProducerRecord<String, String> record) {
        return new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
