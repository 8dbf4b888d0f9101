package dev.custody.server.cluster;

import dev.custody.embedded.kafka.LocalKafka;
import dev.custody.embedded.postgres.LocalPostgres;
import dev.custody.server.CustodyApplication;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import dev.custody.server.support.TestMail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.ServerArguments;
import dev.custody.server.support.ServerProcess;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the same server on one PostgreSQL and one Kafka broker: the scale-out of issue 5. Node 1 runs in
 * this JVM; node 2 is a JVM of its own ({@link ServerProcess}), so it can be killed for real. Every role runs on both
 * nodes. The tests share the cluster but not their data, and none depends on another having run: each makes its own
 * devices, and the crash test restarts node 2 when it is done.
 * <ul>
 *   <li>Commands go to either node; concurrent conflicting commands through both never lose an update or store an
 *   event twice.</li>
 *   <li>The segments of both event processors, {@code kafka-publisher} and {@code device-projection}, are spread over
 *   both nodes, and move to the survivor when node 2 stops; the read side then still answers for new devices, also
 *   those in segments node 2 used to project, and every stored event reaches {@code custody.events.v1}.</li>
 *   <li>An event committed on node 1 reaches a segment projected by node 2 within {@link #NOTIFY_BOUND}. The nodes
 *   run with a 30 s safety poll, and Axon's coordinator on its own looks for new events only every 5 s, so only
 *   PostgreSQL {@code LISTEN/NOTIFY} (see {@code EventSignals}) can meet that bound for consecutive events.</li>
 *   <li>Late seizures through both nodes, with the alert engine on both: each due deadline gets exactly one alert
 *   and one RAISED log entry, and the engines together count each raise once.</li>
 *   <li>With the notifier on both nodes in one consumer group: each victim message (receipt, apology, replacement,
 *   ready for collection, returned) and each supervisor alert mail arrives exactly once, the send log holds one
 *   settled row per reason, and each delivered victim message is recorded once as VictimNotified.</li>
 *   <li>Node 2 is killed ({@code kill -9}) in the middle of concurrent commands through both nodes: it releases
 *   nothing, its claims wait for the claim timeout and its partitions for the session timeout. Every command either
 *   node acknowledged (2xx) is in its device's history, the read side catches up, every stored event reaches the
 *   topic, and alerts and messages still happen, each once, on node 1. Node 2 then starts again and serves the same
 *   histories. The counts of acknowledged, found and lost commands are printed.</li>
 * </ul>
 */
class TwoNodesIT {

    private static final String PUBLISHER = "kafka-publisher";
    private static final String PROJECTION = "device-projection";
    private static final String TOPIC = "custody.events.v1";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * How soon node 2 must project an event committed on node 1. Generous for a NOTIFY round trip (tens of
     * milliseconds; about a second seen on a loaded 2-core machine), but below the 5 s after which Axon's coordinator
     * looks for new events by itself (the lesser of its claim extension threshold, 5 s, and the token claim interval),
     * and far below the 30 s safety poll. With the listener switched off, node 2 took 4 to 5 s.
     */
    private static final Duration NOTIFY_BOUND = Duration.ofSeconds(3);
    /** The JVM's one GreenMail server is shared with other tests: this address is this run's own. */
    private static final String SUPERVISORS = "supervisors-" + UUID.randomUUID().toString().substring(0, 8)
            + "@dyfed-powys.test";
    /**
     * Alerts due at once for a victim's time-sensitive phone seized 30 hours ago: the 24h return's breach without its
     * warning, which is moot once the breach is due.
     */
    private static final Set<String> LATE_SEIZURE_ALERTS = Set.of("RETURN_24H/BREACH", "REPLACEMENT_24H/BREACH",
            "TIME_SENSITIVE_DATA/BREACH");
    private static final List<String> LATE_SEIZURE_SUPERVISOR_MAILS = List.of(
            "Custody alert: RETURN_24H (deadline missed)", "Custody alert: REPLACEMENT_24H (deadline missed)",
            "Custody alert: TIME_SENSITIVE_DATA (deadline missed)");
    private static final List<String> LATE_SEIZURE_VICTIM_MAILS = List.of("seizure-receipt", "return-overdue-apology");
    private static final int LATE_SEIZURES = 12;
    /** How long node 2 may take to start as a JVM of its own on a loaded machine. */
    private static final Duration NODE_START = Duration.ofMinutes(3);

    private static LocalPostgres postgres;
    private static EmbeddedKafkaKraftBroker kafka;
    private static ConfigurableApplicationContext node1;
    private static ServerProcess node2;
    private static Api api1;
    private static Api api2;
    private static JdbcTemplate db;
    private static SingleConnectionDataSource dbConnection;

    /** A victim's phone seized late, with the victim's contact registered: the subject of the read-side checks. */
    private record Victim(String deviceId, String contact, String address) {
    }

    /** A command a node acknowledged (2xx): the event it stored, at this version of the device. */
    private record Acknowledged(String deviceId, long version, String eventType) {
    }

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = LocalPostgres.builder().durable(false).start();
        kafka = LocalKafka.start(6);
        node2 = ServerProcess.start("node-2", nodeArguments("node-2"));
        List<String> node1Args = new ArrayList<>(List.of("--server.port=0"));
        node1Args.addAll(nodeArguments("node-1"));
        node1 = new SpringApplicationBuilder(CustodyApplication.class).run(node1Args.toArray(String[]::new));
        api1 = new Api(port(node1));
        api2 = new Api(node2.awaitReady(NODE_START).port());
        dbConnection = new SingleConnectionDataSource(postgres.jdbcUrl(), "postgres", "", true);
        db = new JdbcTemplate(dbConnection);
    }

    /**
     * Both nodes get the same database, broker and mail server, as N nodes of one deployment would, and every role.
     * <ul>
     *   <li>The safety poll is 30 s, so that only NOTIFY wakes a node for another node's events.</li>
     *   <li>The balancer runs every 3 s, so a segment it releases is kept from this node for 9 s: longer than the 5 s
     *   after which the other node's projection looks for free segments. With 1 s (3 s held back) this node could
     *   take the segment back first, again and again; the projection's segments once took 30 s to spread.</li>
     *   <li>Node 2 stops cleanly and releases its claims, so the claim timeout only decides whether a node may take an
     *   idle segment from a live one. Axon extends an idle claim only every 5 s or so (its claim extension threshold,
     *   checked when the coordinator runs), so a timeout near 5 s lets claims be stolen and handed back while the
     *   tests read who owns what; 15 s keeps ownership still.</li>
     *   <li>A VictimNotified recording that fails (two nodes recording for one device at once conflict on the event
     *   store's unique key) is retried after a second rather than the default 30.</li>
     *   <li>The notifier's consumer-group session times out after 10 s rather than 45, so a killed node's partitions
     *   move within the test's patience.</li>
     * </ul>
     */
    private static List<String> nodeArguments(String nodeId) {
        List<String> args = new ArrayList<>(ServerArguments.on(postgres, kafka, SUPERVISORS));
        args.addAll(List.of(
                "--custody.node-id=" + nodeId,
                "--custody.roles.publisher=true", "--custody.roles.projections=true",
                "--custody.roles.alerts=true", "--custody.roles.notifier=true",
                "--custody.events.safety-poll=PT30S",
                "--custody.processing.balance-interval=PT3S",
                "--axon.eventhandling.tokenstore.claim-timeout=PT15S",
                "--axon.eventhandling.processors." + PUBLISHER + ".token-claim-interval=500",
                "--spring.kafka.consumer.properties.session.timeout.ms=10000"));
        return args;
    }

    @AfterAll
    static void stopCluster() {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null && node1.isActive()) {
            node1.close();
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
    void theSegmentsOfBothProcessorsAreSpreadOverBothNodes() {
        for (String processor : List.of(PUBLISHER, PROJECTION)) {
            assertThat(awaitSpread(processor)).as(processor).containsOnlyKeys("node-1", "node-2");
        }
    }

    @Test
    void anEventCommittedOnOneNodeReachesTheReadModelThroughTheOtherNodeWithoutWaitingForAPoll() {
        awaitSpread(PROJECTION);
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        // Untimed: the first device takes the path through both nodes once, cold.
        seizeThroughNode1AndReadThroughNode2(t, WAIT);
        // Node 1 wakes its own processors on commit; node 2 hears of node 1's commits only through NOTIFY. Devices go
        // one after another, so each device projected by node 2, after the first such, is committed soon after node
        // 2's coordinator last looked (for the one before): without NOTIFY it would wait for the next look, 5 s later.
        int projectedByNode2 = 0;
        for (int i = 0; i < 30 && projectedByNode2 < 3; i++) {
            if ("node-2".equals(seizeThroughNode1AndReadThroughNode2(t, NOTIFY_BOUND))) {
                projectedByNode2++;
            }
        }
        assertThat(projectedByNode2).as("devices committed on node 1 and projected by node 2").isEqualTo(3);
    }

    /** @return the node that owned the device's projection segment when it was seized */
    private static String seizeThroughNode1AndReadThroughNode2(Instant seizedAt, Duration within) {
        Api.Response seized = api1.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(seizedAt));
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        String id = seized.json().get("deviceId").asText();
        long version = seized.json().get("version").asLong();
        String owner = projectionOwnerOf(id);
        Api.Response status = Await.until(within, () -> api2.get("officer", "/api/v1/devices/" + id),
                r -> r.status() == 200 && r.json().get("version").asLong() >= version);
        assertThat(status.json().get("deviceId").asText()).isEqualTo(id);
        return owner;
    }

    @Test
    void eachAlertIsRaisedOnceWithTheAlertEngineOnBothNodes() {
        long[] before = settledRaiseCounts();
        Instant seizedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(30));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < LATE_SEIZURES; i++) {
            // Contact registered through one node, device seized through the other.
            ids.add((i % 2 == 0 ? seizeLate(api1, api2, seizedAt) : seizeLate(api2, api1, seizedAt)).deviceId());
        }

        assertEachAlertRaisedOnce(ids);

        // The engines' own counts, over both nodes, add up to the alerts stored meanwhile: neither counted a raise the
        // other made.
        long[] after = Await.until(WAIT, TwoNodesIT::raiseCounts,
                c -> c[0] - before[0] == c[1] - before[1] && c[1] - before[1] >= ids.size() * (long) LATE_SEIZURE_ALERTS.size());
        assertThat(after[0] - before[0]).as("alerts counted as raised by the engines of both nodes")
                .isEqualTo(after[1] - before[1]);
    }

    @Test
    void eachNotificationIsSentOnceWithTheNotifierOnBothNodes() {
        Instant seizedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(30));
        Map<Victim, List<String>> victims = new LinkedHashMap<>();
        for (int i = 0; i < LATE_SEIZURES / 2; i++) {
            Victim victim = i % 2 == 0 ? seizeLate(api1, api2, seizedAt) : seizeLate(api2, api1, seizedAt);
            victims.put(victim, new ArrayList<>(LATE_SEIZURE_VICTIM_MAILS));
        }
        // The alerts of the late seizures first: the receipt and the apology to each victim, one mail to supervisors per alert.
        assertEachMessageSentOnce(victims);

        // Then steps through both nodes for half the devices, one step at a time for all of them, each step's
        // messages recorded before the next (so the notifier's VictimNotified never races the test's own commands).
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Victim> driven = victims.keySet().stream().limit(victims.size() / 2).toList();
        String[] steps = {"/replacements", "/ready-for-collection", "/return"};
        String[] bodies = {"{\"occurredAt\":\"" + base.minusSeconds(180) + "\",\"kind\":\"SWAP_OUT\"}",
                Requests.step(base.minusSeconds(120)),
                "{\"occurredAt\":\"" + base.minusSeconds(60) + "\",\"returnedTo\":\"OWNER\"}"};
        String[] templates = {"replacement-issued", "ready-for-collection", "device-returned"};
        for (int step = 0; step < steps.length; step++) {
            for (int i = 0; i < driven.size(); i++) {
                Victim victim = driven.get(i);
                Api node = (i + step) % 2 == 0 ? api1 : api2;
                Api.Response r = node.post("officer", "/api/v1/devices/" + victim.deviceId() + steps[step], bodies[step]);
                assertThat(r.status()).as(steps[step] + " " + r).isEqualTo(200);
                victims.get(victim).add(templates[step]);
            }
            assertEachMessageSentOnce(victims);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aNodeKilledMidLoadLosesNoAcknowledgedCommandAndTheSurvivorCarriesOn() throws Exception {
        awaitSpread(PROJECTION);
        Set<Integer> projectedByNode2 = segmentsOwnedBy(PROJECTION, "node-2");
        assertThat(projectedByNode2).isNotEmpty();

        // Concurrent commands through both nodes; node 2 is killed while they are in flight.
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        List<Acknowledged> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService load = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            Api node = w % 2 == 0 ? api1 : api2;
            workers.add(load.submit(() -> {
                while (!stop.get()) {
                    try {
                        Api.Response seized = node.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(t));
                        if (seized.status() != 201) {
                            refused.incrementAndGet();
                            continue;
                        }
                        String id = seized.json().get("deviceId").asText();
                        acknowledged.add(new Acknowledged(id, 0, "DeviceSeized"));
                        Api.Response received = node.post("lab", "/api/v1/devices/" + id + "/lab-receipt",
                                Requests.labReceipt(t.plusSeconds(60)));
                        if (received.status() == 200) {
                            acknowledged.add(new Acknowledged(id, 1, "DeviceReceivedAtLab"));
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (RuntimeException connectionLost) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        try {
            Await.until(WAIT, () -> acknowledged.size() >= 40);
            node2.kill();
            int atKill = acknowledged.size();
            Await.until(WAIT, () -> acknowledged.size() >= atKill + 20);
        } finally {
            stop.set(true);
            load.shutdown();
        }
        for (Future<?> worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }

        // Node 1 takes over every segment once node 2's claims time out.
        for (String processor : List.of(PUBLISHER, PROJECTION)) {
            Await.until(WAIT, () -> segmentOwners(processor), o -> o.equals(Map.of("node-1", segmentCount(processor))));
        }

        // Every acknowledged command is in its device's history, and the read side catches up with it.
        List<Acknowledged> lost = new ArrayList<>();
        for (Acknowledged a : acknowledged) {
            JsonNode events = api1.get("inspector", "/api/v1/devices/" + a.deviceId() + "/history").json().get("events");
            if (events == null || events.size() <= a.version()
                    || !a.eventType().equals(events.get((int) a.version()).get("type").asText())) {
                lost.add(a);
            }
        }
        System.out.printf("[crash] node 2 killed mid-load: acknowledged %d, found %d, lost %d (refused or cut off: %d)%n",
                acknowledged.size(), acknowledged.size() - lost.size(), lost.size(), refused.get());
        assertThat(lost).as("acknowledged commands missing from their device's history").isEmpty();
        Map<String, Long> latest = acknowledged.stream().collect(Collectors.toMap(Acknowledged::deviceId,
                Acknowledged::version, Math::max));
        int inNode2sOldSegments = 0;
        for (Map.Entry<String, Long> device : latest.entrySet()) {
            Await.until(WAIT, () -> api1.get("officer", "/api/v1/devices/" + device.getKey()),
                    r -> r.status() == 200 && r.json().get("version").asLong() >= device.getValue());
            if (projectedByNode2.contains(projectionSegmentOf(device.getKey()))) {
                inNode2sOldSegments++;
            }
        }
        assertThat(inNode2sOldSegments).as("devices in segments node 2 used to project").isPositive();
        assertEveryStoredEventIsPublished();

        // Alerts and messages still happen, each once, on the survivor alone.
        Instant seizedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(30));
        Map<Victim, List<String>> late = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            late.put(seizeLate(api1, api1, seizedAt), new ArrayList<>(LATE_SEIZURE_VICTIM_MAILS));
        }
        assertEachAlertRaisedOnce(late.keySet().stream().map(Victim::deviceId).toList());
        assertEachMessageSentOnce(late);

        // Node 2 starts again and serves the same histories.
        node2 = ServerProcess.start("node-2", nodeArguments("node-2"));
        api2 = new Api(node2.awaitReady(NODE_START).port());
        for (Acknowledged a : acknowledged.subList(0, Math.min(10, acknowledged.size()))) {
            JsonNode events = api2.get("inspector", "/api/v1/devices/" + a.deviceId() + "/history").json().get("events");
            assertThat(events.get((int) a.version()).get("type").asText()).isEqualTo(a.eventType());
        }
    }

    private static void assertEveryStoredEventIsPublished() {
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

    // ---- alerts ----

    /** Registers a victim's contact through {@code register} and seizes her phone 30 hours late through {@code seize}. */
    private static Victim seizeLate(Api seize, Api register, Instant seizedAt) {
        String ref = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        String address = ref + "@example.org";
        Api.Response registered = register.send("officer", "PUT", "/api/v1/contacts/" + ref,
                "{\"channel\":\"EMAIL\",\"address\":\"" + address + "\",\"language\":\"en\",\"safeToContact\":true}",
                Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Api.Response seized = seize.post("officer", "/api/v1/devices", Seizure.at(seizedAt).contact(ref).json());
        assertThat(seized.status()).as(seized.toString()).isEqualTo(201);
        return new Victim(seized.json().get("deviceId").asText(), ref, address);
    }

    /**
     * Waits until every device is projected and none of its due deadlines lacks an alert, then checks each
     * (device, rule, severity, due_at) has exactly one alert and one RAISED entry, and they are the expected ones.
     */
    private static void assertEachAlertRaisedOnce(List<String> ids) {
        String in = String.join(",", ids);
        Await.until(WAIT, () -> db.queryForMap("""
                        select (select count(*) from device_status where device_id::text = any(string_to_array(?, ',')))
                                   as projected,
                               (select count(*) from device_status where device_id::text = any(string_to_array(?, ','))
                                   and next_fire_at <= now()) as unalerted""", in, in),
                r -> ((Number) r.get("projected")).intValue() == ids.size() && ((Number) r.get("unalerted")).intValue() == 0);

        List<Map<String, Object>> alerts = db.queryForList("""
                select a.device_id::text as device, a.rule, a.severity, a.due_at,
                       (select count(*) from alert_log l where l.alert_id = a.alert_id and l.change = 'RAISED') as raised
                from alert a where a.device_id::text = any(string_to_array(?, ','))""", in);
        assertThat(alerts).extracting(a -> a.get("device") + "/" + a.get("rule") + "/" + a.get("severity") + "/"
                + a.get("due_at")).as("one alert per deadline").doesNotHaveDuplicates().hasSize(ids.size() * LATE_SEIZURE_ALERTS.size());
        assertThat(alerts).allSatisfy(a -> assertThat(((Number) a.get("raised")).intValue()).as("RAISED entries of " + a)
                .isEqualTo(1));
        Map<String, Set<String>> byDevice = alerts.stream().collect(Collectors.groupingBy(a -> (String) a.get("device"),
                Collectors.mapping(a -> a.get("rule") + "/" + a.get("severity"), Collectors.toSet())));
        assertThat(byDevice).hasSize(ids.size()).allSatisfy((device, rules) -> assertThat(rules).as(device)
                .isEqualTo(LATE_SEIZURE_ALERTS));
        assertThat(count("select count(*) from device_status where device_id::text = any(string_to_array(?, ',')) "
                + "and next_fire_at <= now()", in)).as("devices with a due deadline still without an alert").isZero();
    }

    /**
     * {alerts the engines of both nodes counted as raised, RAISED entries in the alert log}, once nothing is due
     * that has no alert yet and both figures have stopped moving.
     */
    private static long[] settledRaiseCounts() {
        Await.until(WAIT, () -> count("select count(*) from device_status where next_fire_at <= now()") == 0);
        long[][] last = new long[1][];
        return Await.until(WAIT, TwoNodesIT::raiseCounts, c -> {
            boolean settled = last[0] != null && java.util.Arrays.equals(last[0], c);
            last[0] = c;
            return settled;
        });
    }

    private static long[] raiseCounts() {
        long node1Count = Math.round(node1.getBean(MeterRegistry.class).find("custody.alerts.raised").counters()
                .stream().mapToDouble(Counter::count).sum());
        Api.Response node2Metric = api2.get("scraper", "/actuator/metrics/custody.alerts.raised");
        long node2Count = node2Metric.status() == 404 ? 0
                : Math.round(node2Metric.json().at("/measurements/0/value").asDouble());
        assertThat(node2Metric.status()).as(node2Metric.toString()).isIn(200, 404);
        return new long[]{node1Count + node2Count, count("select count(*) from alert_log where change = 'RAISED'")};
    }

    // ---- notifications ----

    /**
     * Waits until every message owed for these devices is sent, and each delivered victim message recorded, then
     * checks each arrived exactly once: per victim the owed templates, per device one supervisor mail per alert, one
     * send-log row per reason, one VictimNotified per delivered victim message.
     */
    private static void assertEachMessageSentOnce(Map<Victim, List<String>> owed) {
        List<String> ids = owed.keySet().stream().map(Victim::deviceId).toList();
        String in = String.join(",", ids);
        int victimMessages = owed.values().stream().mapToInt(List::size).sum();
        Await.until(WAIT, () -> db.queryForMap("""
                        select count(*) filter (where recipient like 'contact:%' and status = 'SENT'
                                                and record_state = 'RECORDED') as victims,
                               count(*) filter (where recipient like 'supervisor:%' and status = 'SENT') as supervisors,
                               count(*) filter (where status = 'PENDING' or record_state = 'PENDING') as pending
                        from notifier_send_log where device_id::text = any(string_to_array(?, ','))""", in),
                r -> ((Number) r.get("victims")).intValue() >= victimMessages
                        && ((Number) r.get("supervisors")).intValue() >= ids.size() * LATE_SEIZURE_ALERTS.size()
                        && ((Number) r.get("pending")).intValue() == 0);

        Map<String, String> templateOfReference = new HashMap<>();
        db.query("select id::text, template from notifier_send_log where device_id::text = any(string_to_array(?, ','))",
                rs -> {
                    templateOfReference.put(rs.getString(1), rs.getString(2));
                }, in);
        for (Map.Entry<Victim, List<String>> e : owed.entrySet()) {
            Victim victim = e.getKey();
            List<TestMail.Mail> mails = Await.until(WAIT, () -> TestMail.to(victim.address()),
                    m -> m.size() >= e.getValue().size());
            assertThat(mails).extracting(m -> templateOfReference.getOrDefault(m.reference(), "unknown " + m.reference()))
                    .as("messages to the victim of " + victim.deviceId()).containsExactlyInAnyOrderElementsOf(e.getValue());
            String reference = victim.deviceId().substring(0, 8).toUpperCase();
            assertThat(mails).allSatisfy(m -> assertThat(m.body()).contains(reference, "Dyfed-Powys Police"));
        }
        Map<String, List<String>> supervisorMails = Await.until(WAIT, () -> supervisorMailsByDevice(ids),
                byDevice -> byDevice.values().stream().mapToInt(List::size).sum() >= ids.size() * LATE_SEIZURE_ALERTS.size());
        assertThat(supervisorMails).as("supervisor mails per device").hasSize(ids.size())
                .allSatisfy((device, subjects) -> assertThat(subjects).as(device)
                        .containsExactlyInAnyOrderElementsOf(LATE_SEIZURE_SUPERVISOR_MAILS));

        List<Map<String, Object>> rows = db.queryForList("""
                select device_id::text as device, recipient, template, status, params::jsonb ->> 'rule' as rule,
                       params::jsonb ->> 'severity' as severity
                from notifier_send_log where device_id::text = any(string_to_array(?, ','))""", in);
        assertThat(rows).extracting(r -> r.get("device") + "/" + r.get("recipient") + "/" + r.get("template") + "/"
                + r.get("rule") + "/" + r.get("severity")).as("one send-log row per reason").doesNotHaveDuplicates()
                .hasSize(victimMessages + ids.size() * LATE_SEIZURE_ALERTS.size());
        assertThat(rows).extracting(r -> (String) r.get("status")).containsOnly("SENT");

        List<String> recorded = db.queryForList("""
                select payload ->> 'messageReference' from event_log
                where event_type = 'VictimNotified' and device_id = any(string_to_array(?, ','))""", String.class, in);
        Set<String> victimRows = new TreeSet<>(db.queryForList("""
                select id::text from notifier_send_log
                where recipient like 'contact:%' and device_id::text = any(string_to_array(?, ','))""", String.class, in));
        assertThat(recorded).as("VictimNotified per delivered victim message").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(victimRows);
    }

    /** Subjects of the supervisor mails about each of these devices. */
    private static Map<String, List<String>> supervisorMailsByDevice(List<String> ids) {
        Map<String, List<String>> byDevice = new TreeMap<>();
        for (TestMail.Mail mail : TestMail.to(SUPERVISORS)) {
            for (String id : ids) {
                if (mail.body().contains(id)) {
                    byDevice.computeIfAbsent(id, k -> new ArrayList<>()).add(mail.subject());
                }
            }
        }
        return byDevice;
    }

    // ---- segments ----

    /** Waits until both nodes hold a fair share of the processor's segments, and every segment is claimed. */
    private static Map<String, Integer> awaitSpread(String processor) {
        return Await.until(WAIT, () -> segmentOwners(processor), o -> {
            int total = segmentCount(processor);
            int fair = (total + 1) / 2;
            return o.getOrDefault("node-1", 0) > 0 && o.getOrDefault("node-2", 0) > 0
                    && o.values().stream().allMatch(n -> n <= fair)
                    && o.values().stream().mapToInt(Integer::intValue).sum() == total;
        });
    }

    private static Map<String, Integer> segmentOwners(String processor) {
        Map<String, Integer> owners = new TreeMap<>();
        db.queryForList("select owner from token_entry where processor_name = ? and owner is not null", String.class, processor)
                .forEach(owner -> owners.merge(owner, 1, Integer::sum));
        return owners;
    }

    private static Set<Integer> segmentsOwnedBy(String processor, String owner) {
        return new TreeSet<>(db.queryForList("select segment from token_entry where processor_name = ? and owner = ?",
                Integer.class, processor, owner));
    }

    private static int segmentCount(String processor) {
        Integer n = db.queryForObject("select count(*) from token_entry where processor_name = ?", Integer.class, processor);
        return n == null ? 0 : n;
    }

    /** The projection segment of a device, as Axon assigns it: the hash of the aggregate id under the segment's mask. */
    private static int projectionSegmentOf(String deviceId) {
        int[] all = db.queryForList("select segment from token_entry where processor_name = ?", Integer.class, PROJECTION)
                .stream().mapToInt(Integer::intValue).toArray();
        for (int segment : all) {
            if (Segment.computeSegment(segment, all.clone()).matches(deviceId)) {
                return segment;
            }
        }
        throw new AssertionError("no " + PROJECTION + " segment matches " + deviceId);
    }

    private static String projectionOwnerOf(String deviceId) {
        return db.queryForObject("select owner from token_entry where processor_name = ? and segment = ?", String.class,
                PROJECTION, projectionSegmentOf(deviceId));
    }

    private static long count(String sql, Object... args) {
        Long n = db.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    // ---- plumbing ----

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
