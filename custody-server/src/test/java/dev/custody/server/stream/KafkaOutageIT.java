package dev.custody.server.stream;

import dev.custody.embedded.kafka.LocalKafka;
import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.Requests;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka goes down: commands are still accepted, their events wait in the event store, and once the broker is back
 * every one of them is published, in order. Nothing is lost.
 */
class KafkaOutageIT {

    @Test
    void eventsWaitWhileKafkaIsDownAndArriveWhenItIsBack() throws Exception {
        int port = freePort();
        EmbeddedKafkaKraftBroker broker = LocalKafka.create(2);
        broker.brokerProperty("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:" + freePort());
        LocalKafka.start(broker);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CustodyApplication.class).run(
                "--server.port=0", "--custody.security.dev-users=true", "--custody.embedded-postgres.durable=false",
                "--spring.kafka.bootstrap-servers=localhost:" + port, "--custody.stream.send-timeout-millis=2000",
                "--spring.kafka.producer.properties.delivery.timeout.ms=3000",
                "--spring.kafka.producer.properties.request.timeout.ms=1000");
             KafkaConsumer<String, String> consumer = consumer(port)) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            List<ConsumerRecord<String, String>> received = new ArrayList<>();

            String before = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t)).json().get("deviceId").asText();
            awaitRecords(consumer, received, before, 1);

            broker.getCluster().brokers().get(0).shutdown();

            var seized = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t));
            assertThat(seized.status()).as("commands are accepted while Kafka is down").isEqualTo(201);
            String during = seized.json().get("deviceId").asText();
            assertThat(api.post("lab", "/api/v1/devices/" + during + "/lab-receipt", Requests.labReceipt(t.plusSeconds(60))).status())
                    .isEqualTo(200);

            broker.getCluster().brokers().get(0).startup();

            // At least once: a send that timed out during the outage may arrive twice; consumers keep the first
            // record of each CloudEvents id, and the order of first arrivals is the order of the events.
            List<String> late = Await.until(Duration.ofSeconds(90), () -> {
                poll(consumer, received);
                return distinctTypes(received, during);
            }, types -> types.size() >= 2);
            assertThat(late).containsExactly("dev.custody.DeviceSeized", "dev.custody.DeviceReceivedAtLab");
        } finally {
            broker.destroy();
        }
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> received) {
        try {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        } catch (RuntimeException brokerDown) {
            // the consumer reconnects by itself once the broker is back
        }
    }

    /** Event types of the device's records, first arrival of each CloudEvents id only. */
    private static List<String> distinctTypes(List<ConsumerRecord<String, String>> received, String deviceId) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> types = new ArrayList<>();
        for (ConsumerRecord<String, String> r : received) {
            if (!deviceId.equals(r.key())) {
                continue;
            }
            String id = field(r.value(), "id");
            if (seen.add(id)) {
                types.add(field(r.value(), "type"));
            }
        }
        return types;
    }

    private static String field(String json, String name) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(name).asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(KafkaConsumer<String, String> consumer,
                                                                     List<ConsumerRecord<String, String>> received,
                                                                     String deviceId, int count) {
        return Await.until(Duration.ofSeconds(90), () -> {
            try {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            } catch (RuntimeException brokerDown) {
                // the consumer reconnects by itself once the broker is back
            }
            return received.stream().filter(r -> deviceId.equals(r.key())).toList();
        }, records -> records.size() >= count);
    }

    private static KafkaConsumer<String, String> consumer(int port) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("custody.events.v1"));
        return consumer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
