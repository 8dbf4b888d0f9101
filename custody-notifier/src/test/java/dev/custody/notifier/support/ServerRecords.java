package dev.custody.notifier.support;

import dev.custody.events.AlertMessage;
import dev.custody.events.DeviceEvent;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.values.SeizureDetails;
import dev.custody.testing.Seizures;
import dev.custody.values.VictimCare;
import dev.custody.values.VictimsCodeTier;
import dev.custody.wire.CustodyRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One device's records as the server publishes them: the events and alert messages are the contract's records, and
 * the Kafka records are built by the server's own code ({@link CustodyRecords}, which {@code EventPublisher} and
 * {@code AlertPublisher} call), so these tests consume exactly what production produces. Each event gets a fresh
 * CloudEvents id; a test that repeats a record produces the same one again (a redelivery).
 */
public final class ServerRecords {

    public final DeviceId device = DeviceId.random();
    public final ForceCode force;
    private final Actor officer;
    private long sequence;

    public ServerRecords(String force) {
        this.force = new ForceCode(force);
        this.officer = new Actor("pc-1234", Set.of(Role.OFFICER), this.force, null);
    }

    public String id() {
        return device.toString();
    }

    public ProducerRecord<String, String> seized(String contactReference, OwnerRole role, int updateEveryDays,
                                                 Instant at) {
        SeizureDetails details = Seizures.victimPhone(at, officer.id()).role(role)
                .care(role == OwnerRole.VICTIM ? new VictimCare(VictimsCodeTier.ENHANCED, updateEveryDays) : null)
                .contact(contactReference).build();
        return event(new DeviceEvent.DeviceSeized(device, at, at, officer, force, 1, null, details, null));
    }

    public ProducerRecord<String, String> replacementIssued(Instant at) {
        return event(new DeviceEvent.ReplacementIssued(device, at, at, officer, 1, ReplacementKind.SWAP_OUT, null));
    }

    public ProducerRecord<String, String> readyForCollection(Instant at) {
        return event(new DeviceEvent.DeviceReadyForCollection(device, at, at, officer, null));
    }

    public ProducerRecord<String, String> returned(Instant at) {
        return event(new DeviceEvent.DeviceReturned(device, at, at, officer, ReturnRecipient.OWNER, null));
    }

    public ProducerRecord<String, String> retentionExtended(Instant at, Instant until, String reason) {
        return event(new DeviceEvent.RetentionExtended(device, at, at, officer, until, reason));
    }

    public ProducerRecord<String, String> victimNotified(Instant at) {
        return event(new DeviceEvent.VictimNotified(device, at, at, officer, NotificationChannel.PHONE_CALL,
                Language.EN, "officer-call", null));
    }

    /** A raised alert, as the alert engine logs it and the alert publisher sends it. */
    public ProducerRecord<String, String> alert(AlertRule rule, AlertSeverity severity, OwnerRole role, Instant at) {
        AlertMessage alert = new AlertMessage(UUID.randomUUID(), rule, severity, device, force, role, null, 1,
                at.minusSeconds(60), at, AlertMessage.State.OPEN, null, null, null, null, null, null, null,
                AlertMessage.Change.RAISED, at);
        return CustodyRecords.alert(Infra.ALERTS, "alert-log-" + UUID.randomUUID(), alert);
    }

    private ProducerRecord<String, String> event(DeviceEvent event) {
        return CustodyRecords.event(Infra.EVENTS, UUID.randomUUID().toString(), sequence++, event, force);
    }

    @SafeVarargs
    public static void produce(ProducerRecord<String, String>... records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (ProducerRecord<String, String> r : records) {
                producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(),
                        new RecordHeaders(r.headers().toArray()))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce test records", e);
        }
    }
}
