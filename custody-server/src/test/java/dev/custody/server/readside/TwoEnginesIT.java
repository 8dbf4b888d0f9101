package dev.custody.server.readside;

import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.projections.alert.AlertEngine;
import dev.custody.projections.alert.AlertStore;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.deadline.OpenDeadlines;
import dev.custody.server.support.CustodyIT;
import dev.custody.server.support.Device;
import dev.custody.server.support.Identities;
import dev.custody.testing.MutableClock;
import dev.custody.server.support.Seizure;
import dev.custody.testing.Await;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several alert engines on one database, as on several nodes: two engines scanning flat out in parallel, beside this
 * context's own scheduled engine. The two share a clock of their own, moved 30 hours on while both are already
 * scanning, so the deadlines fall due for both at the same moment and they race for the same devices (the scheduled
 * engine, on the context's clock, sees nothing due and cannot take the whole batch first). Every due deadline gets
 * exactly one alert and one RAISED entry, both engines raise some, and the engines' counts add up to the RAISED
 * entries written: no engine counts a raise that another made.
 */
class TwoEnginesIT extends CustodyIT {

    private static final int DEVICES = 40;
    private static final Duration WAIT = Duration.ofSeconds(60);

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
    @Autowired
    MeterRegistry meters;

    @Test
    void each_alert_is_raised_once_however_many_engines_scan() throws Exception {
        String force = "it-engines-" + UUID.randomUUID().toString().substring(0, 8);
        String officer = Identities.user("pc-e", "OFFICER", force, null);
        MutableClock racing = new MutableClock();
        racing.set(now());
        AlertEngine second = new AlertEngine(store, devices, progress, openDeadlines, tx, racing,
                new SimpleMeterRegistry(), 7);
        AlertEngine third = new AlertEngine(store, devices, progress, openDeadlines, tx, racing,
                new SimpleMeterRegistry(), 7);

        // Seized an hour ago: nothing due yet. The read side has every device before the engines start.
        List<Device> seized = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            seized.add(Device.seize(api, officer, null, Seizure.at(now().minus(Duration.ofHours(1))).json()));
        }
        seized.forEach(d -> d.status(officer));
        long[] before = Await.until(WAIT, this::raisedSoFar, new java.util.function.Predicate<>() {
            long[] last;

            @Override
            public boolean test(long[] counts) {
                boolean settled = last != null && java.util.Arrays.equals(last, counts);
                last = counts;
                return settled;
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier spinning = new CyclicBarrier(3);
        AtomicBoolean done = new AtomicBoolean();
        List<Future<Integer>> raised = new ArrayList<>();
        try {
            for (AlertEngine engine : List.of(second, third)) {
                raised.add(pool.submit(() -> {
                    engine.scan();
                    spinning.await();
                    int total = 0;
                    while (!done.get()) {
                        total += engine.scan();
                    }
                    return total;
                }));
            }
            spinning.await(30, TimeUnit.SECONDS);
            // 30 hours on: the 24h return (its breach alone: the warning is moot), replacement and data-at-risk deadlines
            // fall due at once.
            racing.advance(Duration.ofHours(30).minus(Duration.ofHours(1)));
            Await.until(WAIT, () -> count("select count(*) from device_status where next_fire_at <= ?",
                    java.sql.Timestamp.from(racing.instant())) == 0);
        } finally {
            done.set(true);
            pool.shutdown();
        }
        int bySecond = raised.get(0).get(30, TimeUnit.SECONDS);
        int byThird = raised.get(1).get(30, TimeUnit.SECONDS);
        long[] after = Await.until(WAIT, this::raisedSoFar,
                c -> c[1] - before[1] == bySecond + byThird + (c[0] - before[0]));
        System.out.printf("[two engines] raised by the second engine %d, the third %d, the scheduled one %d; "
                + "RAISED entries written %d%n", bySecond, byThird, after[0] - before[0], after[1] - before[1]);

        assertThat(bySecond).as("alerts raised by the second engine").isPositive();
        assertThat(byThird).as("alerts raised by the third engine").isPositive();
        assertThat(count("select count(*) from alert where force = ?", force)).isEqualTo(DEVICES * 3L);
        assertThat(count("select count(*) from (select device_id, rule, severity, due_at from alert where force = ? "
                + "group by 1, 2, 3, 4 having count(*) > 1) twice", force)).isZero();
        assertThat(count("select count(*) from alert_log where force = ? and change = 'RAISED'", force))
                .isEqualTo(DEVICES * 3L);
        assertThat(count("select count(*) from device_status where force = ? and next_fire_at <= ?", force,
                java.sql.Timestamp.from(racing.instant()))).as("nothing left to raise").isZero();
    }

    /** {raises counted by this context's scheduled engine, RAISED entries in the alert log}, over all forces. */
    private long[] raisedSoFar() {
        long counted = Math.round(meters.find("custody.alerts.raised").counters().stream()
                .mapToDouble(Counter::count).sum());
        return new long[]{counted, count("select count(*) from alert_log where change = 'RAISED'")};
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
