package dev.custody.server.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.EventStoreRows;
import dev.custody.server.support.Requests;
import dev.custody.server.support.Seizure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No single event stops a processor. Events are written straight into the store, past every check of the command
 * side: each poison is quarantined after its bounded retries, every other device keeps flowing, the quarantine
 * lists it and counts it, the poisoned device says it needs attention, a retry after the fix applies it and the
 * events that waited behind it, and a rebuild meets the poisons without stopping and without emptying anything.
 */
class PoisonEventIT extends CustodyIT {

    private static final String PROJECTION = "device-projection";
    private static final String PUBLISHER = "kafka-publisher";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    EventProcessingConfiguration processing;

    /**
     * The four requests of the hostile probe that stopped every segment of {@code device-projection} for good (new
     * devices answered 404), here written straight into the store, one in each segment.
     */
    @Test
    void the_four_poisons_of_the_hostile_probe_are_quarantined_and_stop_no_segment() {
        String template = seizeVictimPhone();
        awaitStatus(template, Duration.ofSeconds(10));
        EventStoreRows rows = new EventStoreRows(jdbc);
        Map<String, Consumer<ObjectNode>> poisons = new LinkedHashMap<>();
        poisons.put("occurredAt -0001-01-01", p -> p.put("occurredAt", "-0001-01-01T00:00:00Z"));
        poisons.put("NUL in caseReference", p -> ((ObjectNode) p.get("details")).put("caseReference", "DP\u0000-7"));
        poisons.put("scope dates +99999-01-01", p -> {
            ObjectNode scope = (ObjectNode) p.get("details").get("scope");
            scope.put("from", "+99999-01-01");
            scope.put("to", "+99999-01-01");
        });
        poisons.put("1 MB description", p -> ((ObjectNode) p.get("details").get("device"))
                .put("description", "x".repeat(1024 * 1024)));
        Map<String, String> poisoned = new LinkedHashMap<>();
        Map<String, Long> indexes = new LinkedHashMap<>();
        int segment = 0;
        for (var poison : poisons.entrySet()) {
            String device = EventStoreRows.deviceIdInSegment(segment++);
            indexes.put(poison.getKey(), rows.copy(template, 0, device, poison.getValue()));
            poisoned.put(poison.getKey(), device);
        }

        // Every segment now meets a poison. New devices, in every segment, must still appear.
        Lags lags = new Lags();
        for (int i = 0; i < 12; i++) {
            lags.add(seizeAndTime(Duration.ofSeconds(15)));
        }
        System.out.println("[PoisonEventIT] new devices, a poison in every segment: " + lags);

        Map<String, JsonNode> quarantined = new LinkedHashMap<>();
        for (var poison : poisoned.entrySet()) {
            quarantined.put(poison.getKey(), Await.until(Duration.ofSeconds(30),
                    () -> quarantineOf(poison.getValue()), q -> !q.isEmpty()).get(0));
        }
        quarantined.forEach((what, q) -> System.out.println("[PoisonEventIT] " + what + ": quarantined by "
                + q.get("processor").asText() + " after " + q.get("attempts").asInt() + " attempt(s): "
                + q.at("/error/type").asText() + ": " + abbreviate(q.at("/error/message").asText())));
        assertThat(quarantineOf(poisoned.get("NUL in caseReference"))).extracting(q -> q.get("processor").asText())
                .contains(PROJECTION);
        assertThat(quarantineOf(poisoned.get("scope dates +99999-01-01"))).extracting(q -> q.get("processor").asText())
                .contains(PROJECTION);
        JsonNode tooLarge = quarantineOf(poisoned.get("1 MB description")).stream()
                .filter(q -> PUBLISHER.equals(q.get("processor").asText())).findFirst().orElseThrow();
        assertThat(tooLarge.at("/error/type").asText()).endsWith("RecordTooLargeException");
        assertThat(tooLarge.get("globalIndex").asLong()).isEqualTo(indexes.get("1 MB description"));
        // The publisher went past it: every segment's position is beyond the poison.
        long after = lastGlobalIndex();
        Await.until(Duration.ofSeconds(30), () -> positions(PUBLISHER), p -> !p.isEmpty()
                && p.stream().allMatch(position -> position >= after));
    }

    /**
     * A poison event in the middle of a device's history: the device's later event waits behind it, other devices
     * (its own segment's included) flow within the lag bound while it is retried and quarantined, the quarantine
     * lists and counts it, the device says it needs attention, and after the row is repaired a retry applies the
     * poison and the event behind it, in order.
     */
    @Test
    void a_poison_is_quarantined_while_other_devices_flow_and_a_retry_after_the_fix_applies_it_and_what_waited() {
        Instant t = now().minus(Duration.ofHours(2));
        Device template = Device.seize(api, "officer", "lab", Seizure.at(t).json())
                .labReceipt(t.plusSeconds(60)).downloadStarted(t.plusSeconds(120));
        Device victim = Device.seize(api, "officer", "lab", Seizure.at(t).json());
        template.status("officer");
        victim.status("officer");
        double countedBefore = quarantinedCount(PROJECTION);
        EventStoreRows rows = new EventStoreRows(jdbc);
        Lags baseline = new Lags();
        for (int i = 0; i < 8; i++) {
            baseline.add(seizeAndTime(Duration.ofSeconds(10)));
        }

        long poison = rows.copy(template.id(), 1, victim.id(), p -> p.put("lab", "dyfed\u0000-powys-dfu"));
        long behind = rows.copy(template.id(), 2, victim.id(), p -> { });
        // Other devices, while the poison is retried with backoff and then quarantined; those in its own segment are
        // the ones that could have waited.
        int poisonSegment = EventStoreRows.segmentOf(victim.id());
        Lags sameSegment = new Lags();
        Lags otherSegments = new Lags();
        long started = System.nanoTime();
        while (sameSegment.size() < 3 || otherSegments.size() < 9) {
            Timed timed = seizeAndTime(Duration.ofSeconds(10));
            (EventStoreRows.segmentOf(timed.deviceId()) == poisonSegment ? sameSegment : otherSegments).add(timed);
            assertThat(System.nanoTime() - started).as("devices in every segment within a minute")
                    .isLessThan(Duration.ofSeconds(60).toNanos());
        }
        System.out.println("[PoisonEventIT] command to status, no poison: " + baseline);
        System.out.println("[PoisonEventIT] command to status while a poison is retried and quarantined: "
                + "the poison's segment " + sameSegment + "; other segments " + otherSegments);
        // Generous bounds for a shared, loaded machine; what matters is that they are bounded at all: before the
        // quarantine, the poison's segment never moved again.
        assertThat(otherSegments.max()).as("other segments never wait for the poison").isLessThan(5_000);
        assertThat(sameSegment.max()).as("the poison's segment waits for its retries only").isLessThan(10_000);

        JsonNode entry = Await.until(Duration.ofSeconds(30), () -> quarantineOf(victim.id()), q -> !q.isEmpty()).get(0);
        assertThat(entry.get("processor").asText()).isEqualTo(PROJECTION);
        assertThat(entry.get("state").asText()).isEqualTo("QUARANTINED");
        assertThat(entry.get("globalIndex").asLong()).isEqualTo(poison);
        assertThat(entry.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(entry.get("eventType").asText()).endsWith("DeviceReceivedAtLab");
        assertThat(entry.get("attempts").asInt()).isEqualTo(3);
        assertThat(entry.get("waiting").asLong()).as("the device's later event waits").isEqualTo(1);
        assertThat(entry.at("/error/message").asText()).isNotBlank().doesNotContain("\u0000");
        assertThat(quarantinedCount(PROJECTION)).isGreaterThanOrEqualTo(countedBefore + 1);
        assertThat(prometheus.scrape()).containsPattern(
                "custody_events_quarantined_total\\{[^}]*processor=\"device-projection\"[^}]*} [1-9]");

        // Held, visibly: the status stays at the event before the poison and says so; search finds it.
        JsonNode status = api.get("officer", "/api/v1/devices/" + victim.id()).json();
        assertThat(status.get("version").asLong()).isZero();
        assertThat(status.get("needsAttention").asBoolean()).isTrue();
        assertThat(api.get("officer", "/api/v1/devices?needsAttention=true&size=200").json().get("content"))
                .extracting(d -> d.get("deviceId").asText()).contains(victim.id());
        assertThat(api.get("officer", "/api/v1/devices?needsAttention=false&size=200").json().get("content"))
                .extracting(d -> d.get("deviceId").asText()).doesNotContain(victim.id());
        String id = entry.get("id").asText();

        // Not fixed yet: the retry fails again, and says so.
        Api.Response again = api.post("admin", "/api/v1/admin/quarantine/" + id + "/retry", null);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("result").asText()).isEqualTo("STILL_FAILING");
        assertThat(again.json().at("/event/attempts").asInt()).isEqualTo(4);

        // Fixed: the row repaired, the retry applies the poison and the event behind it, and the device is current.
        rows.repair(poison, p -> p.put("lab", "dyfed-powys-dfu"));
        Api.Response retried = api.post("admin", "/api/v1/admin/quarantine/" + id + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("result").asText()).isEqualTo("APPLIED");
        assertThat(retried.json().get("applied").asInt()).isEqualTo(2);
        assertThat(retried.json().at("/event/state").asText()).isEqualTo("RESOLVED");
        assertThat(retried.json().at("/event/resolvedBy").asText()).isEqualTo("admin");
        JsonNode current = api.get("officer", "/api/v1/devices/" + victim.id()).json();
        assertThat(current.get("version").asLong()).isEqualTo(2);
        assertThat(current.get("stage").asText()).isEqualTo("DOWNLOADING");
        assertThat(current.get("needsAttention").asBoolean()).isFalse();
        assertThat(behind).isGreaterThan(poison);

        // The device flows again: a new command on it reaches the status as usual.
        Api.Response next = api.post("lab", "/api/v1/devices/" + victim.id() + "/downloads/1/completion",
                Requests.completeDownload(t.plusSeconds(600),
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        Await.until(Duration.ofSeconds(10), () -> api.get("officer", "/api/v1/devices/" + victim.id()).json()
                .get("version").asLong(), v -> v == 3);
    }

    /**
     * A rebuild meets a poison, quarantines it (once: the live quarantine already has it) and completes; the live
     * read models serve throughout and are replaced only when the rebuilt ones are complete.
     */
    @Test
    void a_rebuild_meets_a_poison_quarantines_it_and_serves_without_ever_emptying_the_live_models() {
        String template = seizeVictimPhone();
        awaitStatus(template, Duration.ofSeconds(10));
        String poisoned = EventStoreRows.deviceIdInSegment(2);
        long poison = new EventStoreRows(jdbc).copy(template, 0, poisoned,
                p -> ((ObjectNode) p.get("details")).put("caseReference", "DP\u0000-rebuild"));
        Await.until(Duration.ofSeconds(30), () -> quarantineOf(poisoned), q -> !q.isEmpty());
        JsonNode before = api.get("admin", "/api/v1/admin/projections").json().get(0);

        long started = System.nanoTime();
        Api.Response asked = api.post("admin", "/api/v1/admin/projections/rebuild", null);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
        long smallestLiveTable = Long.MAX_VALUE;
        int servedDuringRebuild = 0;
        JsonNode done;
        while (true) {
            smallestLiveTable = Math.min(smallestLiveTable, count("select count(*) from device_status"));
            assertThat(api.get("officer", "/api/v1/devices/" + template).status())
                    .as("a known device is served during the rebuild").isEqualTo(200);
            servedDuringRebuild++;
            done = api.get("admin", "/api/v1/admin/projections").json().get(0);
            if ("LIVE".equals(done.get("state").asText()) && done.get("generation").asLong() > before.get("generation")
                    .asLong() && done.get("caughtUp").asBoolean()) {
                break;
            }
            assertThat(System.nanoTime() - started).as("the rebuild completes within a minute")
                    .isLessThan(Duration.ofSeconds(60).toNanos());
        }
        double wall = (System.nanoTime() - started) / 1e9;
        JsonNode last = done.get("lastRebuild");
        System.out.printf("[PoisonEventIT] rebuild: %s, %d events, %.2f s (wall %.2f s to LIVE and caught up), "
                        + "%d poison event(s) quarantined; the live device_status never had fewer than %d rows over %d "
                        + "reads during it%n", last.get("outcome").asText(), last.get("events").asLong(),
                last.get("seconds").asDouble(), wall, last.get("quarantined").asInt(), smallestLiveTable,
                servedDuringRebuild);
        assertThat(last.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(last.path("error").isMissingNode()).as("no error: " + last).isTrue();
        assertThat(last.get("quarantined").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(smallestLiveTable).isGreaterThan(0);
        assertThat(api.get("officer", "/api/v1/devices/" + template).status()).isEqualTo(200);
        assertThat(api.get("officer", "/api/v1/devices/" + poisoned).status()).isEqualTo(404);
        List<JsonNode> open = quarantineOf(poisoned).stream()
                .filter(q -> PROJECTION.equals(q.get("processor").asText())).toList();
        assertThat(open).as("still quarantined, once").hasSize(1);
        assertThat(open.get(0).get("globalIndex").asLong()).isEqualTo(poison);
        // And the live processor carries on after the swap.
        awaitStatus(seizeVictimPhone(), Duration.ofSeconds(10));
    }

    /** A rebuild that fails stops there, says why, and leaves the live read models as they were. */
    @Test
    void a_failed_rebuild_leaves_the_live_models_serving_says_why_and_does_not_start_again() throws Exception {
        String device = seizeVictimPhone();
        awaitStatus(device, Duration.ofSeconds(10));
        long rowsBefore = count("select count(*) from device_status");
        // Something in the rebuild schema the rebuild cannot replace: it must fail, visibly.
        jdbc.execute("create schema if not exists projection_rebuild");
        jdbc.execute("create view projection_rebuild.device_status as select 1 as occupied");
        try {
            long generation = api.get("admin", "/api/v1/admin/projections").json().at("/0/generation").asLong();
            assertThat(api.post("admin", "/api/v1/admin/projections/rebuild", null).status()).isEqualTo(202);
            JsonNode failed = Await.until(Duration.ofSeconds(30),
                    () -> api.get("admin", "/api/v1/admin/projections").json().get(0),
                    s -> "LIVE".equals(s.get("state").asText()) && s.get("generation").asLong() > generation
                            && "FAILED".equals(s.at("/lastRebuild/outcome").asText()));
            System.out.println("[PoisonEventIT] failed rebuild: " + failed.get("lastRebuild"));
            assertThat(failed.at("/lastRebuild/error").asText()).contains("device_status");
            String finishedAt = failed.at("/lastRebuild/finishedAt").asText();

            Thread.sleep(2_000);
            JsonNode later = api.get("admin", "/api/v1/admin/projections").json().get(0);
            assertThat(later.get("state").asText()).as("not started again").isEqualTo("LIVE");
            assertThat(later.get("generation").asLong()).isEqualTo(failed.get("generation").asLong());
            assertThat(later.at("/lastRebuild/finishedAt").asText()).isEqualTo(finishedAt);
            assertThat(count("select count(*) from device_status")).isGreaterThanOrEqualTo(rowsBefore);
            assertThat(api.get("officer", "/api/v1/devices/" + device).status()).isEqualTo(200);
            awaitStatus(seizeVictimPhone(), Duration.ofSeconds(10));
        } finally {
            jdbc.execute("drop view if exists projection_rebuild.device_status");
        }
    }

    @Test
    void the_quarantine_is_for_admins_and_its_refusals_are_problems() {
        assertThat(api.get("officer", "/api/v1/admin/quarantine").status()).isEqualTo(403);
        assertThat(api.get("inspector", "/api/v1/admin/quarantine").status()).isEqualTo(403);
        assertThat(api.post("supervisor", "/api/v1/admin/quarantine/" + java.util.UUID.randomUUID() + "/retry", null)
                .status()).isEqualTo(403);
        Api.Response unknown = api.post("admin", "/api/v1/admin/quarantine/" + java.util.UUID.randomUUID() + "/retry",
                null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(unknown.json().get("rule").asText()).isEqualTo("quarantine-not-found");
        Api.Response badState = api.get("admin", "/api/v1/admin/quarantine?state=SOMETIMES");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().at("/errors/0/field").asText()).isEqualTo("state");
        assertThat(api.get("admin", "/api/v1/admin/quarantine?state=ALL&limit=5").status()).isEqualTo(200);
    }

    // -----------------------------------------------------------------------------------------------------------

    private List<JsonNode> quarantineOf(String deviceId) {
        Api.Response r = api.get("admin", "/api/v1/admin/quarantine?state=QUARANTINED&limit=1000");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return StreamSupport.stream(r.json().spliterator(), false)
                .filter(q -> deviceId.equals(q.path("deviceId").asText())).toList();
    }

    private double quarantinedCount(String processor) {
        Counter c = meters.find("custody.events.quarantined").tag("processor", processor).counter();
        return c == null ? 0 : c.count();
    }

    private List<Long> positions(String processor) {
        return processing.eventProcessor(processor, StreamingEventProcessor.class).orElseThrow().processingStatus()
                .values().stream().map(EventTrackerStatus::getCurrentPosition)
                .map(p -> p.isPresent() ? p.getAsLong() : -1L).toList();
    }

    private long lastGlobalIndex() {
        return count("select coalesce(max(global_index), 0) from domain_event_entry");
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    /** A device seized through the API and how long after the 201 its status answered. */
    private record Timed(String deviceId, long millis) {
    }

    private Timed seizeAndTime(Duration timeout) {
        Api.Response r = api.post("officer", "/api/v1/devices", Requests.seizeVictimPhone(now().minusSeconds(3600)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        long acknowledged = System.nanoTime();
        String device = r.json().get("deviceId").asText();
        awaitStatus(device, timeout);
        return new Timed(device, (System.nanoTime() - acknowledged) / 1_000_000);
    }

    private void awaitStatus(String deviceId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Api.Response r = api.get("officer", "/api/v1/devices/" + deviceId);
            if (r.status() == 200) {
                return;
            }
            assertThat(System.nanoTime()).as("device " + deviceId + " on the read side within " + timeout
                    + "; last: " + r).isLessThan(deadline);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /** Command-to-status times, in milliseconds. */
    private static final class Lags {
        private final List<Long> millis = new ArrayList<>();

        void add(Timed timed) {
            millis.add(timed.millis());
        }

        int size() {
            return millis.size();
        }

        long max() {
            return millis.stream().mapToLong(Long::longValue).max().orElse(0);
        }

        @Override
        public String toString() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "none";
            }
            return "n=" + sorted.size() + " median=" + sorted.get(sorted.size() / 2) + " ms p99="
                    + sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) + " ms max=" + max() + " ms " + sorted;
        }
    }
}
