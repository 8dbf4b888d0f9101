package dev.custody.projections.device;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.view.DeviceViewJson;
import dev.custody.projections.view.DeviceView;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.deadline.DeadlineProperties;
import dev.custody.projections.deadline.Deadlines;
import dev.custody.projections.device.ProjectionStore.LagKey;
import dev.custody.projections.device.ProjectionStore.StatusRow;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The work of one batch of events: folds them into device views in memory, resolves the alerts of deadlines each
 * event closed, and writes everything in a few statements when the batch commits, in the same transaction as the
 * processor's token. A batch that fails rolls back whole and is retried, so every effect happens exactly once.
 * <p>
 * Open deadlines are not stored: they are worked out from the view ({@link Deadlines}). What is stored per device
 * is the earliest fire time of a deadline that has no alert yet, the alert engine's work list.
 */
final class ProjectionBatch {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    /** One device touched by the batch. */
    private static final class Touched {
        DeviceView view;
        /** Its alerts not yet resolved, by deadline identity, as stored when the batch began less any resolved here. */
        final Map<Deadline.Key, UUID> openAlerts = new HashMap<>();
        /** Every deadline that has had an alert, resolved or not: the alert engine never raises one twice. */
        Set<Deadline.Key> alerted = Set.of();
        /** The deadlines open after the latest event of the batch. */
        Map<Deadline.Key, Deadline> open = new LinkedHashMap<>();
        boolean changed;
    }

    private final ProjectionStore store;
    private final Deadlines deadlines;
    private final DeadlineProperties settings;
    private final Map<UUID, Touched> devices = new LinkedHashMap<>();
    private final List<ResolvedAlert> resolutions = new ArrayList<>();
    private final List<ResolvedAlert> resolved = new ArrayList<>();
    private final Map<LagKey, Long> lag = new HashMap<>();
    private final List<DeviceView> returned = new ArrayList<>();
    private final List<DeviceView> closedPeriods = new ArrayList<>();

    private final boolean replay;

    /**
     * @param replay whether this batch replays history into emptied tables (a rebuild). Alerts are not rebuilt: they
     *               were resolved when the history happened, so a replay reads them but never resolves one.
     */
    ProjectionBatch(ProjectionStore store, Deadlines deadlines, DeadlineProperties settings, boolean replay) {
        this.store = store;
        this.deadlines = deadlines;
        this.settings = settings;
        this.replay = replay;
    }

    /**
     * Loads, in two queries, every device of the batch that is not loaded yet, locking its status row, with its
     * alerts. During a rebuild a device has no row yet but may well have alerts.
     */
    void prefetch(Collection<UUID> ids) {
        Set<UUID> missing = new HashSet<>(ids);
        missing.removeAll(devices.keySet());
        if (missing.isEmpty()) {
            return;
        }
        Map<UUID, DeviceView> views = store.loadViews(missing);
        // Live, a device without a row is a new seizure and has no alerts yet; in a replay every row is gone but the
        // alerts stay.
        Map<UUID, Map<Deadline.Key, ProjectionStore.AlertRef>> alerts =
                store.loadAlerts(replay ? missing : views.keySet());
        for (UUID id : missing) {
            Touched t = new Touched();
            t.view = views.get(id);
            Map<Deadline.Key, ProjectionStore.AlertRef> mine = alerts.getOrDefault(id, Map.of());
            t.alerted = mine.keySet();
            if (t.view != null) {
                t.open = deadlines.open(t.view, settings.forForce(t.view.force()));
            }
            if (!replay) {
                mine.forEach((key, alert) -> {
                    if (alert.open()) {
                        t.openAlerts.put(key, alert.alertId());
                        // An open alert whose deadline is no longer open (settings changed since) closes at the
                        // next event.
                        t.open.putIfAbsent(key, new Deadline(key.rule(), key.severity(), key.dueAt(), key.dueAt()));
                    }
                });
            }
            devices.put(id, t);
        }
    }

    void apply(DeviceEvent event, long sequenceNumber) {
        UUID id = event.deviceId().value();
        if (!devices.containsKey(id)) {
            prefetch(List.of(id));
        }
        Touched t = devices.get(id);
        if (t.view == null) {
            if (!(event instanceof DeviceSeized seized)) {
                log.warn("Ignoring {} #{} of device {}: its seizure was never seen", event.getClass().getSimpleName(),
                        sequenceNumber, id);
                return;
            }
            t.view = DeviceView.seized(seized, sequenceNumber);
        } else {
            if (event instanceof DeviceSeized && sequenceNumber > t.view.version()) {
                // A re-seizure starts a new custody period: the one it ends is written as it stood.
                closedPeriods.add(DeviceViewJson.read(DeviceViewJson.write(t.view)));
            }
            if (!t.view.apply(event, sequenceNumber)) {
                return;
            }
        }
        t.changed = true;
        Map<Deadline.Key, Deadline> now = deadlines.open(t.view, settings.forForce(t.view.force()));
        for (Deadline.Key closed : t.open.keySet()) {
            if (!now.containsKey(closed)) {
                UUID alert = t.openAlerts.remove(closed);
                if (alert != null) {
                    resolutions.add(new ResolvedAlert(alert, closed.rule(), closed.severity(),
                            deadlines.resolution(closed, event), event.occurredAt(),
                            event.getClass().getSimpleName(), Deadlines.lateBySeconds(closed, event.occurredAt()),
                            event.recordedAt(), event.actor().id()));
                }
            }
        }
        t.open = now;
        if (event.advancesLifecycle()) {
            countLoggingLag(t.view, event);
        }
        if (event instanceof DeviceEvent.DeviceReturned) {
            returned.add(t.view);
        }
    }

    private void countLoggingLag(DeviceView view, DeviceEvent event) {
        long minutes = Math.max(0, Duration.between(event.occurredAt(), event.recordedAt()).toMinutes());
        LagKey key = new LagKey(view.force(), event.actor().lab() == null ? "" : event.actor().lab().value(),
                view.ownerRole().name(), view.deviceType().name(),
                event.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate(), (int) Math.min(minutes, Integer.MAX_VALUE));
        lag.merge(key, 1L, Long::sum);
    }

    /** Writes the batch: one statement per table, then the alert resolutions. */
    void flush() {
        List<StatusRow> status = new ArrayList<>();
        List<DeviceView> periods = new ArrayList<>(closedPeriods);
        for (Touched t : devices.values()) {
            if (!t.changed) {
                continue;
            }
            boolean timeSensitive = false;
            Instant nextDue = null;
            for (Deadline d : t.open.values()) {
                if (d.rule() == AlertRule.TIME_SENSITIVE_DATA) {
                    timeSensitive = true;
                }
                if (d.severity() == AlertSeverity.BREACH && d.rule().isDeadline()
                        && (nextDue == null || d.dueAt().isBefore(nextDue))) {
                    nextDue = d.dueAt();
                }
            }
            status.add(new StatusRow(t.view, timeSensitive, nextDue, Deadlines.nextFireAt(t.open.values(), t.alerted)));
            periods.add(t.view);
        }
        store.upsertStatus(status);
        store.upsertPeriods(periods);
        store.addLoggingLag(lag);
        for (ResolvedAlert r : resolutions) {
            if (store.resolveAlert(r.alertId(), r.resolution(), r.stepAt(), r.stepType(), r.lateBySeconds(),
                    r.recordedAt(), r.actor())) {
                resolved.add(r);
            }
        }
    }

    /** The alerts this batch resolved, once it has flushed. */
    List<ResolvedAlert> resolved() {
        return resolved;
    }

    List<DeviceView> returned() {
        return returned;
    }

    /** The views of the devices this batch changed. */
    List<DeviceView> changed() {
        List<DeviceView> changed = new ArrayList<>();
        for (Touched t : devices.values()) {
            if (t.changed && t.view != null) {
                changed.add(t.view);
            }
        }
        return changed;
    }
}
