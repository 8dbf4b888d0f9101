package dev.custody.server.cluster;

import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.server.support.Await;
import dev.custody.server.support.Requests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the same server, in one JVM, on one PostgreSQL and one Kafka broker: the scale-out of issue 5.
 * <p>
 * Commands go to either node; concurrent conflicting commands through both never lose an update or store an event
 * twice; the Kafka publisher's segments spread over both nodes and move to the survivor when one node stops; every
 * stored event still reaches {@code custody.events.v1}. The tests share the cluster and run in order; the last one
 * stops node 2. Read-side checks (each alert raised once, each notification sent once) belong between the
 * command tests and {@link #segmentsMoveToTheSurvivorAndEveryEventIsPublished()}: the cluster is built in
 * {@link #startCluster()} with whatever roles they need.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    private static final String PUBLISHER = "kafka-publisher";
    private static final String TOPIC = "custody.events.v1";

    private static EmbeddedPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static ConfigurableApplicationContext node1;
    private static ConfigurableApplicationContext node2;
    private static Api api1;
    private static Api api2;
    private static JdbcTemplate db;
    private static SingleConnectionDataSource dbConnection;

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("max_connections", "200").start();
        kafka = new EmbeddedKafkaKraftBroker(1, 6);
        kafka.brokerProperty("auto.create.topics.enable", "false");
        kafka.afterPropertiesSet();
        node1 = startNode("node-1");
        node2 = startNode("node-2");
        api1 = new Api(port(node1));
        api2 = new Api(port(node2));
        dbConnection = new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
        db = new JdbcTemplate(dbConnection);
    }

    /** Both nodes get the same database and broker, as N nodes of one deployment would. */
    private static ConfigurableApplicationContext startNode(String nodeId) {
        return new SpringApplicationBuilder(CustodyApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                "--custody.security.dev-users=true",
                "--custody.node-id=" + nodeId,
                "--custody.processing.balance-interval=PT1S",
                "--axon.eventhandling.tokenstore.claim-timeout=PT5S",
                "--axon.eventhandling.processors." + PUBLISHER + ".token-claim-interval=500");
    }

    @AfterAll
    static void stopCluster() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[]{node2, node1}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        if (dbConnection != null) {
            dbConnection.destroy();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // the JVM is ending anyway
            }
        }
    }

    @Test
    @Order(1)
    void aDeviceCanBeDrivenThroughEitherNode() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        Api.Response seized = api1.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        String device = "/api/v1/devices/" + seized.json().get("deviceId").asText();

        Api.Response received = api2.post("lab", device + "/lab-receipt", Requests.labReceipt(t.plusSeconds(60)),
                Map.of("If-Match", "\"0\""));
        assertThat(received.status()).as(received.toString()).isEqualTo(200);
        Api.Response started = api1.post("lab", device + "/downloads", Requests.startDownload(t.plusSeconds(120)),
                Map.of("If-Match", "\"1\""));
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().get("version").asLong()).isEqualTo(2);

        assertThat(api2.get("inspector", device + "/history").json().get("events")).hasSize(3);
        assertThat(api1.get("inspector", device + "/history").json().get("events")).hasSize(3);
    }

    @Test
    @Order(2)
    void concurrentConflictingCommandsThroughBothNodesStoreOneEvent() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        List<String> devices = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            String id = api1.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t)).json().get("deviceId").asText();
            devices.add(id);
            String path = "/api/v1/devices/" + id + "/lab-receipt";
            List<Api.Response> responses = concurrently(8, i -> (i % 2 == 0 ? api1 : api2)
                    .post("lab", path, Requests.labReceipt(t.plusSeconds(60))));
            assertThat(responses).filteredOn(r -> r.status() == 200).as("exactly one wins").hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() != 200)
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(409));

            // Stale If-Match through both nodes at once: one of the two may act on version 1, never both.
            String download = "/api/v1/devices/" + id + "/downloads";
            List<Api.Response> stale = concurrently(4, i -> (i % 2 == 0 ? api1 : api2)
                    .post("lab", download, Requests.startDownload(t.plusSeconds(200)), Map.of("If-Match", "\"1\"")));
            assertThat(stale).filteredOn(r -> r.status() == 200).hasSize(1);
        }
        for (String id : devices) {
            List<Map<String, Object>> rows = db.queryForList(
                    "select sequence_number, payload_type from domain_event_entry where aggregate_identifier = ? "
                            + "order by sequence_number", id);
            assertThat(rows).extracting(r -> ((Number) r.get("sequence_number")).longValue()).containsExactly(0L, 1L, 2L);
            assertThat(rows).extracting(r -> (String) r.get("payload_type")).containsExactly(
                    "dev.custody.events.DeviceEvent$DeviceSeized", "dev.custody.events.DeviceEvent$DeviceReceivedAtLab",
                    "dev.custody.events.DeviceEvent$DownloadStarted");
        }
        assertThat(db.queryForObject("select count(*) from (select aggregate_identifier, sequence_number from "
                + "domain_event_entry group by 1, 2 having count(*) > 1) d", Integer.class)).isZero();
    }

    @Test
    @Order(3)
    void publisherSegmentsAreSpreadOverBothNodes() {
        Map<String, Integer> owners = Await.until(Duration.ofSeconds(60), () -> segmentOwners(PUBLISHER),
                o -> o.getOrDefault("node-1", 0) > 0 && o.getOrDefault("node-2", 0) > 0
                        && o.values().stream().mapToInt(Integer::intValue).sum() == segmentCount(PUBLISHER));
        assertThat(owners).containsOnlyKeys("node-1", "node-2");
    }

    // Read-side scale-out checks (alerts raised once, notifications sent once) go here, with @Order between 3 and 9.

    @Test
    @Order(10)
    void segmentsMoveToTheSurvivorAndEveryEventIsPublished() {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        for (int i = 0; i < 10; i++) {
            assertThat(api2.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t)).status()).isEqualTo(201);
        }

        node2.close();

        Await.until(Duration.ofSeconds(60), () -> segmentOwners(PUBLISHER),
                o -> o.equals(Map.of("node-1", segmentCount(PUBLISHER))));
        for (int i = 0; i < 10; i++) {
            assertThat(api1.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t)).status()).isEqualTo(201);
        }

        Set<String> stored = new HashSet<>(db.queryForList("select event_identifier from domain_event_entry", String.class));
        Set<String> published = new HashSet<>();
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "two-nodes-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            Await.until(Duration.ofSeconds(90), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    Matcher m = id.matcher(r.value());
                    if (m.find()) {
                        published.add(m.group(1));
                    }
                });
                return published.containsAll(stored);
            });
        }
        assertThat(published).as("every stored event is on the topic, at least once").containsAll(stored);
    }

    private static Map<String, Integer> segmentOwners(String processor) {
        Map<String, Integer> owners = new java.util.TreeMap<>();
        db.queryForList("select owner from token_entry where processor_name = ? and owner is not null", String.class, processor)
                .forEach(owner -> owners.merge(owner, 1, Integer::sum));
        return owners;
    }

    private static int segmentCount(String processor) {
        Integer n = db.queryForObject("select count(*) from token_entry where processor_name = ?", Integer.class, processor);
        return n == null ? 0 : n;
    }

    private interface Call {
        Api.Response call(int i) throws Exception;
    }

    private static List<Api.Response> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Api.Response> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Api.Response> out = new ArrayList<>();
            for (Future<Api.Response> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
