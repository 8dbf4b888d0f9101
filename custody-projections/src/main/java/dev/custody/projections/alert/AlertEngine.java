package dev.custody.projections.alert;

import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.values.AlertRule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raises an alert when a deadline passes, exactly once, on however many nodes run it.
 * <p>
 * Each scan reads only the deadlines that have fallen due and have no alert (a partial index on the fire time),
 * so its cost grows with the deadlines falling due, not with the devices held. It raises nothing while the
 * projection is behind the event store: a step logged just before the due time must get the chance to close its
 * deadline first, and a rebuild must not turn history into a flood of false alarms.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.alerts", havingValue = "true", matchIfMissing = true)
public class AlertEngine {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final AlertStore store;
    private final ProjectionProgress progress;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final DistributionSummary scanRows;
    private final Timer scanTime;
    private final Counter waits;
    private final AtomicInteger waiting = new AtomicInteger();

    AlertEngine(AlertStore store, ProjectionProgress progress, TransactionTemplate tx, Clock clock,
                MeterRegistry metrics, @Value("${custody.alerts.scan-batch:500}") int batchSize) {
        this.store = store;
        this.progress = progress;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.scanRows = DistributionSummary.builder("custody.alerts.scan.rows")
                .description("Due deadlines examined per alert scan: the engine's work, independent of devices held")
                .register(metrics);
        this.scanTime = Timer.builder("custody.alerts.scan").description("Time of one alert scan").register(metrics);
        this.waits = Counter.builder("custody.alerts.scan.waits")
                .description("Scans skipped because the projection had not caught up with the event store")
                .register(metrics);
        metrics.gauge("custody.alerts.engine.waiting", waiting);
    }

    @Scheduled(fixedDelayString = "${custody.alerts.scan-interval:PT0.2S}",
            initialDelayString = "${custody.alerts.initial-delay:PT1S}")
    void scheduledScan() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("Alert scan failed; retrying on the next tick", e);
        }
    }

    /**
     * One scan: raises every alert that is due now, in batches.
     *
     * @return the number of alerts raised, or -1 when the projection is behind and nothing was done
     */
    public int scan() {
        if (!progress.progress().caughtUp()) {
            waiting.set(1);
            waits.increment();
            return -1;
        }
        waiting.set(0);
        Instant now = clock.instant();
        int total = 0;
        AlertStore.ScanResult result;
        do {
            Timer.Sample sample = Timer.start(metrics);
            result = tx.execute(s -> store.raiseDue(now, batchSize));
            sample.stop(scanTime);
            scanRows.record(result.dueRows());
            for (var e : result.raised().entrySet()) {
                raisedCounter(e.getKey()).increment(e.getValue());
            }
            total += result.raisedCount();
        } while (result.dueRows() == batchSize);
        return total;
    }

    private Counter raisedCounter(AlertRule rule) {
        return Counter.builder("custody.alerts.raised").tag("rule", rule.name())
                .description("Alerts raised, by rule").register(metrics);
    }
}
