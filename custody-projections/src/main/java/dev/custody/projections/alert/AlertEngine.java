package dev.custody.projections.alert;

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

/**
 * Raises an alert when a deadline passes, exactly once, on however many nodes run it.
 * <p>
 * Each scan reads only the deadlines that have fallen due and have no alert (a partial index on the fire time),
 * so its cost grows with the deadlines falling due, not with the devices held. A device whose read model is
 * behind its events is skipped until it has caught up (see {@link AlertStore#raiseDue}): a step logged just before
 * the due time gets the chance to close its deadline first, and a rebuild never turns history into false alarms.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.alerts", havingValue = "true", matchIfMissing = true)
public class AlertEngine {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final AlertStore store;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final DistributionSummary scanRows;
    private final Timer scanTime;

    public AlertEngine(AlertStore store, TransactionTemplate tx, Clock clock,
                MeterRegistry metrics, @Value("${custody.alerts.scan-batch:500}") int batchSize) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.scanRows = DistributionSummary.builder("custody.alerts.scan.rows")
                .description("Due deadlines examined per alert scan: the engine's work, independent of devices held")
                .register(metrics);
        this.scanTime = Timer.builder("custody.alerts.scan").description("Time of one alert scan").register(metrics);
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
     * @return the number of alerts raised
     */
    public int scan() {
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
