package dev.custody.server.readside;

import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.projections.alert.AlertEngine;
import dev.custody.projections.alert.AlertStore;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.OpenDeadlines;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Identities;
import dev.custody.server.support.Seizure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several alert engines on one database, as on several nodes: this context's own scheduled engine plus two more
 * scanning flat out in parallel. Every due deadline gets exactly one alert and one RAISED entry.
 */
class TwoEnginesIT extends CustodyIT {

    private static final int DEVICES = 40;

    @Autowired
    AlertStore store;
    @Autowired
    DeviceQueries devices;
    @Autowired
    ProjectionProgress progress;
    @Autowired
    OpenDeadlines openDeadlines;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void each_alert_is_raised_once_however_many_engines_scan() throws Exception {
        String force = "it-engines-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = Identities.user("pc-e", "OFFICER", force, null);
        AlertEngine second = new AlertEngine(store, devices, progress, openDeadlines, tx, clock,
                new SimpleMeterRegistry(), 7);
        AlertEngine third = new AlertEngine(store, devices, progress, openDeadlines, tx, clock,
                new SimpleMeterRegistry(), 7);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> raised = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            // Seized 30 hours ago: the 24h return (breach and warning), replacement and data-at-risk deadlines are due.
            devices.add(Device.seize(api, officer, null, Seizure.at(now().minus(Duration.ofHours(30))).json()));
        }
        for (AlertEngine engine : List.of(second, third)) {
            raised.add(pool.submit(() -> {
                start.await();
                int total = 0;
                for (int i = 0; i < 60; i++) {
                    total += engine.scan();
                }
                return total;
            }));
        }
        for (Future<Integer> f : raised) {
            f.get();
        }
        pool.shutdown();
        devices.forEach(d -> d.status(officer));
        second.scan();

        assertThat(count("select count(*) from alert where force = ?", force)).isEqualTo(DEVICES * 4L);
        assertThat(count("select count(*) from (select device_id, rule, severity, due_at from alert where force = ? "
                + "group by 1, 2, 3, 4 having count(*) > 1) twice", force)).isZero();
        assertThat(count("select count(*) from alert_log where force = ? and change = 'RAISED'", force))
                .isEqualTo(DEVICES * 4L);
        assertThat(count("select count(*) from device_status where force = ? and next_fire_at <= ?", force,
                java.sql.Timestamp.from(now()))).as("nothing left to raise").isZero();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
