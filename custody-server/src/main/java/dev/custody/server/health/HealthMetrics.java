package dev.custody.server.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Health as metrics, for Prometheus alert rules: {@code custody_health_up{check="readiness"}} and
 * {@code {check="db"}} are 1 while that health check is UP and 0 otherwise.
 * <p>
 * The checks run every {@code custody.metrics.health-interval} (5 s) on a thread of their own, never at scrape time
 * and never on the shared scheduler: when the database goes away, the scheduled tasks that need it block on
 * connections, and a check queued behind them would keep reporting the last UP. A check that has not completed for
 * three intervals (hanging on a dead database, say) reports 0.
 */
@Component
class HealthMetrics {

    static final String READINESS = "readiness";
    static final String DATABASE = "db";

    private final HealthEndpoint health;
    private final long staleAfterNanos;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "custody-health-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final Check readiness = new Check();
    private final Check database = new Check();

    HealthMetrics(MeterRegistry registry, HealthEndpoint health,
                  @Value("${custody.metrics.health-interval:PT5S}") Duration interval) {
        this.health = health;
        this.staleAfterNanos = interval.multipliedBy(3).toNanos();
        Gauge.builder("custody.health.up", readiness, this::value).tag("check", READINESS)
                .description("1 while the readiness group is UP, else 0").register(registry);
        Gauge.builder("custody.health.up", database, this::value).tag("check", DATABASE)
                .description("1 while the database health check is UP, else 0").register(registry);
        checker.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        readiness.record(() -> health.healthForPath(READINESS));
        database.record(() -> health.healthForPath(DATABASE));
    }

    private double value(Check check) {
        return check.up && System.nanoTime() - check.checkedAt < staleAfterNanos ? 1 : 0;
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }

    private static final class Check {
        private volatile boolean up;
        private volatile long checkedAt = System.nanoTime();

        /** A check that throws is down; it must not escape, or the executor would stop scheduling the checks. */
        void record(Supplier<HealthComponent> check) {
            boolean ok;
            try {
                HealthComponent result = check.get();
                ok = result != null && Status.UP.equals(result.getStatus());
            } catch (RuntimeException e) {
                ok = false;
            }
            up = ok;
            checkedAt = System.nanoTime();
        }
    }
}
