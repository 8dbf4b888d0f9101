package dev.custody.projections.alert;

import dev.custody.projections.admin.ProjectionProgress;
import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.deadline.Deadlines;
import dev.custody.projections.device.DeviceQueries;
import dev.custody.projections.device.DeviceQueries.DueDevice;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.deadline.OpenDeadlines;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Raises an alert when a deadline passes, exactly once, on however many nodes run it.
 * <p>
 * Each device's row carries the fire time of its earliest deadline without an alert; a scan reads only the rows
 * whose time has come (a partial index), so its cost grows with the deadlines falling due, not with the devices
 * held. Rows are locked with SKIP LOCKED, so nodes share the work, and a device whose read model is behind its
 * events is skipped until it has caught up (see {@link DeviceQueries#lockDue}): a step logged just before the due
 * time gets the chance to close its deadline first, and a rebuild never turns history into false alarms.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.alerts", havingValue = "true", matchIfMissing = true)
public class AlertEngine {

    private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

    private final AlertStore alerts;
    private final DeviceQueries devices;
    private final ProjectionProgress progress;
    private final OpenDeadlines openDeadlines;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final int batchSize;
    private final DistributionSummary scanRows;
    private final Timer scanTime;

    public AlertEngine(AlertStore alerts, DeviceQueries devices, ProjectionProgress progress,
                       OpenDeadlines openDeadlines, TransactionTemplate tx, Clock clock, MeterRegistry metrics,
                       @Value("${custody.alerts.scan-batch:500}") int batchSize) {
        this.alerts = alerts;
        this.devices = devices;
        this.progress = progress;
        this.openDeadlines = openDeadlines;
        this.tx = tx;
        this.clock = clock;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.scanRows = DistributionSummary.builder("custody.alerts.scan.rows")
                .description("Devices with a deadline due examined per alert scan: the engine's work, independent "
                        + "of the devices held")
                .register(metrics);
        this.scanTime = Timer.builder("custody.alerts.scan").description("Time of one alert scan").register(metrics);
        // Every series from the start, at zero: a counter that first appears at 1 shows no increase in Prometheus,
        // so the first breach would never fire a rate-based alert rule.
        for (AlertRule rule : AlertRule.values()) {
            for (AlertSeverity severity : AlertSeverity.values()) {
                raisedCounter(new AlertStore.Kind(rule, severity));
            }
        }
    }

    private Counter raisedCounter(AlertStore.Kind kind) {
        return Counter.builder("custody.alerts.raised").tag("rule", kind.rule().name())
                .tag("severity", kind.severity().name())
                .description("Alerts raised, by rule and severity").register(metrics);
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
     * One scan: raises every alert that is due now, in batches of devices.
     *
     * @return the number of alerts raised
     */
    public int scan() {
        if (progress.livePausedForRebuild()) {
            // Frozen, partly projected views would be examined on every scan only to be skipped as behind their
            // events; the rebuilt tables are judged as soon as they are swapped in.
            return 0;
        }
        Instant now = clock.instant();
        int total = 0;
        int examined;
        do {
            Timer.Sample sample = Timer.start(metrics);
            int[] result = tx.execute(s -> scanBatch(now));
            sample.stop(scanTime);
            examined = result[0];
            scanRows.record(examined);
            total += result[1];
        } while (examined == batchSize);
        return total;
    }

    /** @return {devices examined, alerts raised} */
    private int[] scanBatch(Instant now) {
        List<DueDevice> due = devices.lockDue(now, batchSize);
        if (due.isEmpty()) {
            return new int[]{0, 0};
        }
        Map<UUID, Set<Deadline.Key>> alerted = alerts.alertedDeadlines(due.stream().map(DueDevice::deviceId).toList());
        List<AlertStore.DueDeadline> raise = new ArrayList<>();
        Map<UUID, Instant> nextFire = new HashMap<>();
        for (DueDevice d : due) {
            DeviceView v = d.view();
            Deadlines.Due dueNow = Deadlines.due(openDeadlines.of(v), alerted.getOrDefault(d.deviceId(), Set.of()), now);
            for (Deadline deadline : dueNow.raise()) {
                raise.add(new AlertStore.DueDeadline(d.deviceId(), deadline.rule(), deadline.severity(),
                        deadline.dueAt(), v.force(), v.ownerRole().name(), v.lab(), v.seizureNumber()));
            }
            nextFire.put(d.deviceId(), dueNow.nextFireAt());
        }
        Map<AlertStore.Kind, Integer> raised = raise.isEmpty() ? Map.of() : alerts.raise(raise, now);
        devices.setNextFireAt(nextFire);
        int count = 0;
        for (var e : raised.entrySet()) {
            raisedCounter(e.getKey()).increment(e.getValue());
            count += e.getValue();
        }
        return new int[]{due.size(), count};
    }
}
