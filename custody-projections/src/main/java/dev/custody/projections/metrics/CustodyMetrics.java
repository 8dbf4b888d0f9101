package dev.custody.projections.metrics;

import dev.custody.events.DeviceEvent;
import dev.custody.values.AlertRule;
import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.projections.deadline.Resolution;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.device.ProjectionListener;
import dev.custody.projections.device.ResolvedAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The read side's Prometheus metrics. Labels are low-cardinality only (force, rule, stage, resolution), never a
 * device id. Counters count what this node did live; a rebuild replays silently.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.projections", havingValue = "true", matchIfMissing = true)
public class CustodyMetrics implements ProjectionListener {

    private static final Logger log = LoggerFactory.getLogger(CustodyMetrics.class);

    private final MeterRegistry registry;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final ProjectionProgress progress;
    private final MultiGauge held;
    private final Timer lag;
    private final AtomicLong lagEvents = new AtomicLong();

    CustodyMetrics(MeterRegistry registry, Clock clock, JdbcTemplate jdbc, ProjectionProgress progress) {
        this.registry = registry;
        this.clock = clock;
        this.jdbc = jdbc;
        this.progress = progress;
        this.held = MultiGauge.builder("custody.devices.held")
                .description("Devices held now, by force and stage").register(registry);
        this.lag = Timer.builder("custody.projection.lag")
                .description("From an event being recorded to the read model applying it")
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(registry);
        registry.gauge("custody.projection.lag.events", lagEvents);
        // Every series at zero from the start, so the first resolution shows as an increase in Prometheus.
        for (AlertRule rule : AlertRule.values()) {
            for (Resolution resolution : Resolution.values()) {
                resolvedCounter(rule, resolution);
            }
        }
    }

    private Counter resolvedCounter(AlertRule rule, Resolution resolution) {
        return Counter.builder("custody.alerts.resolved").tag("rule", rule.name()).tag("resolution", resolution.name())
                .description("Alerts resolved, by rule and how").register(registry);
    }

    @Override
    public void handled(DeviceEvent event) {
        lag.record(Duration.between(event.recordedAt(), clock.instant()).abs());
    }

    @Override
    public void flushed(List<ResolvedAlert> resolved, List<DeviceView> returned) {
        for (ResolvedAlert r : resolved) {
            resolvedCounter(r.rule(), r.resolution()).increment();
        }
        for (DeviceView v : returned) {
            DistributionSummary.builder("custody.device.days.held").tag("force", v.force())
                    .description("Days from seizure to return, recorded at each return")
                    .serviceLevelObjectives(1, 2, 7, 14, 28, 56, 89, 180, 365)
                    .register(registry).record(v.daysHeld(clock.instant()));
        }
    }

    @Scheduled(fixedDelayString = "${custody.metrics.refresh:PT15S}", initialDelayString = "PT5S")
    void refresh() {
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            jdbc.query("select force, stage, count(*) from device_status where held group by force, stage",
                    rs -> {
                        rows.add(MultiGauge.Row.of(Tags.of("force", rs.getString(1), "stage", rs.getString(2)),
                                rs.getLong(3)));
                    });
            held.register(rows, true);
            lagEvents.set(progress.progress().lagEvents());
        } catch (RuntimeException e) {
            log.debug("Metrics refresh failed; keeping the last values", e);
        }
    }
}
