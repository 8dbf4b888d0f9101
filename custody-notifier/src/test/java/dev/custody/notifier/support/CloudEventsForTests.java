package dev.custody.notifier.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.custody.events.DeviceEvent;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.ContactReference;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.values.SeizureDetails;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the records of docs/events.md, as the server's publisher and the alert engine write them, and produces them
 * onto the embedded broker. Each record gets a fresh CloudEvents id unless a test repeats one (a redelivery).
 */
public final class CloudEventsForTests {

    public record Rec(String topic, String key, String value) {
    }

    private static final ObjectMapper STORE = new ObjectMapper().registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public final DeviceId device = DeviceId.random();
    public final ForceCode force;
    private final Actor officer;
    private long sequence;

    public CloudEventsForTests(String force) {
        this.force = new ForceCode(force);
        this.officer = new Actor("pc-1234", Set.of(Role.OFFICER), this.force, null);
    }

    public String id() {
        return device.toString();
    }

    public Rec seized(String contactReference, OwnerRole role, int updateEveryDays, Instant at) {
        SeizureDetails details = new SeizureDetails(null, null, role, null, null, List.of(),
                role == OwnerRole.VICTIM ? new VictimCare(VictimsCodeTier.ENHANCED, updateEveryDays) : null,
                contactReference == null ? null : new ContactReference(contactReference));
        return event(new DeviceEvent.DeviceSeized(device, at, at, officer, force, 1, null, details, null));
    }

    public Rec replacementIssued(Instant at) {
        return event(new DeviceEvent.ReplacementIssued(device, at, at, officer, 1, ReplacementKind.SWAP_OUT, null));
    }

    public Rec readyForCollection(Instant at) {
        return event(new DeviceEvent.DeviceReadyForCollection(device, at, at, officer, null));
    }

    public Rec returned(Instant at) {
        return event(new DeviceEvent.DeviceReturned(device, at, at, officer, ReturnRecipient.OWNER, null));
    }

    public Rec retentionExtended(Instant at, Instant until, String reason) {
        return event(new DeviceEvent.RetentionExtended(device, at, at, officer, until, reason));
    }

    public Rec victimNotified(Instant at) {
        return event(new DeviceEvent.VictimNotified(device, at, at, officer, NotificationChannel.PHONE_CALL,
                Language.EN, "officer-call", null));
    }

    public Rec alert(AlertRule rule, AlertSeverity severity, OwnerRole role, Instant at) {
        ObjectNode envelope = envelope("alert-log-" + UUID.randomUUID(), "AlertRaised", at);
        ObjectNode data = envelope.putObject("data");
        data.put("alertId", UUID.randomUUID().toString());
        data.put("rule", rule.name());
        data.put("deviceId", id());
        data.put("force", force.value());
        data.put("ownerRole", role.name());
        data.put("severity", severity.name());
        data.put("dueAt", at.minusSeconds(60).toString());
        data.put("raisedAt", at.toString());
        data.put("state", "OPEN");
        return new Rec(Infra.ALERTS, id(), envelope.toString());
    }

    private Rec event(DeviceEvent event) {
        ObjectNode envelope = envelope(UUID.randomUUID().toString(), event.getClass().getSimpleName(), event.recordedAt());
        envelope.put("sequence", sequence++);
        envelope.put("occurredat", event.occurredAt().toString());
        envelope.put("recordedat", event.recordedAt().toString());
        envelope.set("data", STORE.valueToTree(event));
        return new Rec(Infra.EVENTS, id(), envelope.toString());
    }

    private ObjectNode envelope(String id, String type, Instant time) {
        ObjectNode envelope = STORE.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("source", "urn:custody:force:" + force.value());
        envelope.put("type", "dev.custody." + type);
        envelope.put("subject", id());
        envelope.put("time", time.toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("deviceid", id());
        envelope.put("force", force.value());
        return envelope;
    }

    public static void produce(Rec... records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (Rec r : records) {
                producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value())).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce test records", e);
        }
    }
}
