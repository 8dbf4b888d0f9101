package dev.custody.server.readside;

import com.fasterxml.jackson.databind.JsonNode;
import dev.custody.server.support.Api;
import dev.custody.testing.Await;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Seizure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild from the event store gives exactly what live processing gave: every row of every rebuildable read
 * model, and not one alert more.
 */
class RebuildIT extends CustodyIT {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_rebuilt_projection_equals_the_live_one_and_raises_nothing_new() {
        Instant t = now().minus(Duration.ofHours(40));
        Device full = Device.seize(api, "officer", "lab", Seizure.at(t).json())
                .replacementIssued(t.plusSeconds(600)).labReceipt(t.plusSeconds(3600))
                .downloadStarted(t.plusSeconds(7200)).downloadCompleted(t.plusSeconds(9000))
                .downloadVerified(t.plusSeconds(9600)).examinationStarted(t.plusSeconds(10_000))
                .examinationCompleted(t.plusSeconds(20_000), true).readyForCollection(t.plusSeconds(30_000))
                .returned(t.plusSeconds(40_000));
        Device held = Device.seize(api, "officer", "lab", Seizure.at(t).owner("WITNESS").json())
                .labReceipt(t.plusSeconds(60)).victimNotified(t.plusSeconds(120));
        Device reseized = Device.seize(api, "met-officer", "met-lab", Seizure.at(t).timeSensitive(false).json())
                .returned(t.plusSeconds(60)).reseized(Seizure.at(t.plusSeconds(3600)).json());
        for (Device d : List.of(full, held, reseized)) {
            d.status("inspector");
        }
        Map<String, List<Map<String, Object>>> live = null;
        Map<String, List<Map<String, Object>>> rebuilt = null;
        long alertsBefore = 0;
        long raisedBefore = 0;
        // The comparison only means something if nothing but the rebuild touched the read models in between. Other
        // tests share this database and move the shared clock, so first wait until every due alert of every device
        // is raised and the tables stand still; a rebuild during which some other event was stored is tried again.
        for (int attempt = 1; attempt <= 3 && rebuilt == null; attempt++) {
            live = settledSnapshot();
            long lastEvent = lastGlobalIndex();
            alertsBefore = count("select count(*) from alert");
            raisedBefore = count("select count(*) from alert_log where change = 'RAISED'");
            rebuild();
            Map<String, List<Map<String, Object>>> after = snapshot();
            if (lastGlobalIndex() == lastEvent) {
                rebuilt = after;
            }
        }
        assertThat(rebuilt).as("a rebuild with no other event stored meanwhile, in three tries").isNotNull();
        for (String table : live.keySet()) {
            assertThat(rebuilt.get(table)).as(table).isEqualTo(live.get(table));
        }
        assertThat(live.get("device_status")).isNotEmpty();
        assertThat(count("select count(*) from alert")).isEqualTo(alertsBefore);
        assertThat(count("select count(*) from alert_log where change = 'RAISED'")).isEqualTo(raisedBefore);
        assertThat(api.get("officer", "/api/v1/devices/" + full.id()).json().get("stage").asText()).isEqualTo("RETURNED");
    }

    @Test
    void only_an_admin_may_rebuild() {
        assertThat(api.post("inspector", "/api/v1/admin/projections/rebuild", null).status()).isEqualTo(403);
        assertThat(api.post("supervisor", "/api/v1/admin/projections/rebuild", null).status()).isEqualTo(403);
        assertThat(api.get("officer", "/api/v1/admin/projections").status()).isEqualTo(403);
    }

    private void rebuild() {
        long generation = api.get("admin", "/api/v1/admin/projections").json().at("/0/generation").asLong();
        Api.Response started = api.post("admin", "/api/v1/admin/projections/rebuild", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(api.post("admin", "/api/v1/admin/projections/rebuild", null).status())
                .as("one rebuild at a time").isIn(202, 409);
        JsonNode done = Await.until(Duration.ofSeconds(60), () -> api.get("admin", "/api/v1/admin/projections").json(),
                s -> "LIVE".equals(s.at("/0/state").asText()) && s.at("/0/caughtUp").asBoolean()
                        && s.at("/0/generation").asLong() > generation);
        assertThat(done.at("/0/replaying").asBoolean()).isFalse();
    }

    /**
     * The read models once nothing is due on the test clock (which stands still unless a test moves it) and two
     * readings half a second apart agree.
     */
    private Map<String, List<Map<String, Object>>> settledSnapshot() {
        AtomicReference<Map<String, List<Map<String, Object>>>> previous = new AtomicReference<>();
        return Await.until(Duration.ofSeconds(60), () -> {
            long due = jdbc.queryForObject("select count(*) from device_status where next_fire_at <= ?", Long.class,
                    Timestamp.from(now()));
            Map<String, List<Map<String, Object>>> current = snapshot();
            Map<String, List<Map<String, Object>>> before = previous.getAndSet(due == 0 ? current : null);
            if (due == 0 && current.equals(before)) {
                return current;
            }
            pause();
            return null;
        }, Objects::nonNull);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private long lastGlobalIndex() {
        return count("select coalesce(max(global_index), 0) from domain_event_entry");
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "device_status", jdbc.queryForList("select device_id, force, lab, case_reference, stage, held, "
                        + "owner_role, device_type, seized_at, returned_at, time_sensitive, enhanced, next_due_at, "
                        + "next_fire_at, version, state::text from device_status order by device_id"),
                "custody_period", jdbc.queryForList("select * from custody_period order by device_id, seizure_number"),
                "logging_lag", jdbc.queryForList("select * from logging_lag order by force, lab, owner_role, "
                        + "device_type, day, lag_minutes"),
                // not rebuilt, and a replay must leave it alone: it resolves nothing a second time
                "alert", jdbc.queryForList("select alert_id, state, resolution, resolved_at, late_by_seconds from alert "
                        + "order by alert_id"),
                "alert_log", jdbc.queryForList("select id, alert_id, change, at from alert_log order by id"));
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
