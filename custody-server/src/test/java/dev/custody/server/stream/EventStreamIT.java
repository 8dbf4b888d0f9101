package dev.custody.server.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.events.ContractSchemas;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Requests;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every stored event reaches custody.events.v1 as a CloudEvent, keyed by device, in order, without contact details,
 * valid against the contract's JSON Schema.
 */
class EventStreamIT extends CustodyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "event-stream-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("custody.events.v1"));
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void everyEventIsPublishedAsACloudEventInOrder() throws Exception {
        String id = seizeVictimPhone();
        api.post("lab", "/api/v1/devices/" + id + "/lab-receipt", Requests.labReceipt(now().minusSeconds(60)));
        api.post("lab", "/api/v1/devices/" + id + "/downloads", Requests.startDownload(now().minusSeconds(30)));

        List<ConsumerRecord<String, String>> mine = Await.until(Duration.ofSeconds(30), () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(r -> id.equals(r.key())).toList();
        }, records -> records.size() >= 3);

        assertThat(mine).hasSize(3);
        JsonNode history = history(id);
        for (int i = 0; i < 3; i++) {
            ConsumerRecord<String, String> record = mine.get(i);
            JsonNode cloudEvent = JSON.readTree(record.value());
            JsonNode stored = history.get(i);
            assertThat(cloudEvent.get("specversion").asText()).isEqualTo("1.0");
            assertThat(cloudEvent.get("id").asText()).isEqualTo(stored.get("eventId").asText());
            assertThat(cloudEvent.get("type").asText()).isEqualTo("dev.custody." + stored.get("type").asText());
            assertThat(cloudEvent.get("subject").asText()).isEqualTo(id);
            assertThat(cloudEvent.get("deviceid").asText()).isEqualTo(id);
            assertThat(cloudEvent.get("force").asText()).isEqualTo("dyfed-powys");
            assertThat(cloudEvent.get("source").asText()).isEqualTo("urn:custody:force:dyfed-powys");
            assertThat(cloudEvent.get("sequence").asLong()).isEqualTo(i);
            assertThat(Instant.parse(cloudEvent.get("occurredat").asText()))
                    .isEqualTo(Instant.parse(stored.get("occurredAt").asText()));
            assertThat(Instant.parse(cloudEvent.get("recordedat").asText()))
                    .isEqualTo(Instant.parse(stored.get("recordedAt").asText()));
            ObjectNode data = cloudEvent.get("data").deepCopy();
            assertThat(data.remove("deviceId").asText()).isEqualTo(id);
            assertThat(data.remove("actor")).isEqualTo(stored.get("actor"));
            data.remove(List.of("occurredAt", "recordedAt"));
            assertThat(data).as("data is the event as stored").isEqualTo(stored.get("payload"));
            assertThat(ContractSchemas.errors(ContractSchemas.EVENTS_TOPIC, record.value()))
                    .as("the contract's schema: " + record.value()).isEmpty();
            assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .startsWith("application/cloudevents+json");
        }
        assertThat(mine.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        assertThat(mine.get(0).value()).contains("\"contactReference\":\"contact-7f3a\"")
                .doesNotContain("@").doesNotContainIgnoringCase("email");
    }
}
