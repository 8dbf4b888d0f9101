package dev.custody.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.events.ContractSchemas;
import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreLoaderTest {

    @Test
    void generatedEventsSurviveTheStoreMappingAndAreValidAgainstTheirSchemas() throws Exception {
        ObjectMapper mapper = EventJson.mapper();
        EventStoreLoader loader = new EventStoreLoader(Instant.parse("2026-11-24T00:00:00Z"));
        for (int i = 0; i < 20; i++) {
            List<DeviceEvent> events = loader.lifecycle(i % 2 == 0);
            assertThat(events.get(0)).isInstanceOf(DeviceSeized.class);
            for (DeviceEvent event : events) {
                byte[] json = mapper.writeValueAsBytes(event);
                assertThat(mapper.readValue(json, event.getClass())).isEqualTo(event);
                JsonNode tree = mapper.readTree(json);
                assertThat(tree.get("deviceId").isTextual()).as("ids are plain strings").isTrue();
                assertThat(ContractSchemas.errors(ContractSchemas.event(event.getClass()), tree)).as(tree.toString())
                        .isEmpty();
                assertThat(event.occurredAt()).isBeforeOrEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
            }
        }
    }

    @Test
    void openRecordsStopBeforeTheReturn() {
        EventStoreLoader loader = new EventStoreLoader(Instant.now());
        for (int i = 0; i < 50; i++) {
            assertThat(loader.lifecycle(true)).noneMatch(e -> e instanceof DeviceEvent.DeviceReturned);
        }
    }
}
