package dev.custody.notifier.inbox;

import dev.custody.events.DeviceEvent;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.OwnerRole;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventReaderTest {

    private final CloudEventReader reader = new CloudEventReader();

    @Test
    void readsACustodyEventIntoTheContractRecord() {
        Incoming in = reader.read("""
                {"specversion":"1.0","id":"e-1","source":"urn:custody:force:dyfed-powys","type":"dev.custody.DeviceReturned",
                 "subject":"4bfb1336-c47d-4b3a-90b2-4b939887711c","time":"2026-11-24T10:00:00Z",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys","sequence":5,
                 "data":{"deviceId":"4bfb1336-c47d-4b3a-90b2-4b939887711c","occurredAt":"2026-11-24T09:00:00Z",
                   "recordedAt":"2026-11-24T10:00:00Z","actor":{"id":"pc-1","roles":["OFFICER"],"force":"dyfed-powys"},
                   "returnedTo":"OWNER","aFieldFromTheFuture":1}}
                """);
        assertThat(in).isInstanceOf(Incoming.CustodyEvent.class);
        Incoming.CustodyEvent event = (Incoming.CustodyEvent) in;
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.force().value()).isEqualTo("dyfed-powys");
        assertThat(event.event()).isInstanceOf(DeviceEvent.DeviceReturned.class);
    }

    @Test
    void readsAnAlert() {
        Incoming in = reader.read("""
                {"specversion":"1.0","id":"alert-log-7","type":"dev.custody.AlertRaised","time":"2026-11-24T10:00:00Z",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys",
                 "data":{"alertId":"x","rule":"RETURN_24H","deviceId":"4bfb1336-c47d-4b3a-90b2-4b939887711c",
                   "force":"dyfed-powys","ownerRole":"VICTIM","severity":"BREACH","dueAt":"2026-11-24T09:00:00Z",
                   "raisedAt":"2026-11-24T10:00:00Z","state":"OPEN"}}
                """);
        Incoming.Alert alert = (Incoming.Alert) in;
        assertThat(alert.raised()).isTrue();
        assertThat(alert.rule()).isEqualTo(AlertRule.RETURN_24H);
        assertThat(alert.severity()).isEqualTo(AlertSeverity.BREACH);
        assertThat(alert.ownerRole()).isEqualTo(OwnerRole.VICTIM);
    }

    @Test
    void aTypeFromANewerProducerIsIgnoredNotPoison() {
        assertThat(reader.read("""
                {"specversion":"1.0","id":"e-2","type":"dev.custody.SomethingNew","time":"2026-11-24T10:00:00Z",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys","data":{}}
                """)).isInstanceOf(Incoming.Ignored.class);
    }

    @Test
    void garbageIsPoison() {
        assertThatThrownBy(() -> reader.read("not json at all")).isInstanceOf(PoisonRecord.class);
        assertThatThrownBy(() -> reader.read("{\"specversion\":\"1.0\",\"type\":\"dev.custody.DeviceReturned\"}"))
                .isInstanceOf(PoisonRecord.class).hasMessageContaining("id");
        assertThatThrownBy(() -> reader.read("""
                {"specversion":"1.0","id":"a","type":"dev.custody.AlertRaised","time":"2026-11-24T10:00:00Z",
                 "deviceid":"4bfb1336-c47d-4b3a-90b2-4b939887711c","force":"dyfed-powys",
                 "data":{"rule":"NO_SUCH_RULE"}}
                """)).isInstanceOf(PoisonRecord.class);
    }
}
