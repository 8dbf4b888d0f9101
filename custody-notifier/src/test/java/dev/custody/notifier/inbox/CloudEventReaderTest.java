package dev.custody.notifier.inbox;

import dev.custody.events.DeviceEvent;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Role;
import dev.custody.wire.CustodyRecords;
import dev.custody.wire.WireMessage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The notifier reads what the server writes; what no reader can read is poison, parked at once. */
class CloudEventReaderTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final ForceCode FORCE = new ForceCode("dyfed-powys");

    private final CloudEventReader reader = new CloudEventReader();

    @Test
    void readsWhatTheServersPublisherWrites() {
        DeviceEvent returned = new DeviceEvent.DeviceReturned(DeviceId.random(), T, T,
                new Actor("pc-1", Set.of(Role.OFFICER), FORCE, null), ReturnRecipient.OWNER, null);
        ProducerRecord<String, String> record = CustodyRecords.event("custody.events.v1", "e-1", 4, returned, FORCE);
        assertThat(reader.read(record.headers(), record.value()))
                .isEqualTo(new WireMessage.CustodyEvent("e-1", T, FORCE, 4, returned));
    }

    @Test
    void anUnreadableRecordIsPoisonAndSaysWhy() {
        assertThatThrownBy(() -> reader.read(new RecordHeaders(), "not json at all"))
                .isInstanceOf(PoisonRecord.class).hasMessageStartingWith("not a CloudEvent");
        assertThatThrownBy(() -> reader.read(new RecordHeaders(), ""))
                .isInstanceOf(PoisonRecord.class).hasMessage("empty record");
    }
}
