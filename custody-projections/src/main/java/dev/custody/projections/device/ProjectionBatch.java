package dev.custody.projections.device;

import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.deadline.DeadlineProperties;
import dev.custody.projections.deadline.Deadlines;
import dev.custody.projections.deadline.Resolution;
import dev.custody.projections.device.ProjectionStore.LagKey;
import dev.custody.projections.device.ProjectionStore.NewDeadline;
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
 * The work of one batch of events: folds them into device views in memory, tracks which deadlines each event
 * opened or closed, and writes everything in a few statements when the batch commits, in the same transaction as
 * the processor's token. A batch that fails rolls back whole and is retried, so every effect happens exactly once.
 */
final class ProjectionBatch {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatch.class);

    /** One device touched by the batch. */
    private static final class Touched {
        DeviceView view;
        /** The deadline rows as stored when the batch began, by key; the diff at flush is against these. */
        final Map<Deadline.Key, StoredDeadline> stored = new HashMap<>();
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

    ProjectionBatch(ProjectionStore store, Deadlines deadlines, DeadlineProperties settings) {
        this.store = store;
        this.deadlines = deadlines;
        this.settings = settings;
    }

    /** Loads, in two queries, every device of the batch that is not loaded yet. */
    void prefetch(Collection<UUID> ids) {
        Set<UUID> missing = new HashSet<>(ids);
        missing.removeAll(devices.keySet());
        if (missing.isEmpty()) {
            return;
        }
        Map<UUID, DeviceView> views = store.loadViews(missing);
        Map<UUID, List<StoredDeadline>> stored = store.lockDeadlines(missing);
        for (UUID id : missing) {
            Touched t = new Touched();
            t.view = views.get(id);
            for (StoredDeadline d : stored.getOrDefault(id, List.of())) {
                t.stored.put(d.deadline().key(), d);
                t.open.put(d.deadline().key(), d.deadline());
            }
            devices.put(id, t);
        }
    }

    void apply(DeviceEvent event, long sequenceNumber) {
        UUID id = event.deviceId().value();
        prefetch(List.of(id));
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
                StoredDeadline stored = t.stored.get(closed);
                if (stored != null && stored.alertId() != null) {
                    resolutions.add(new ResolvedAlert(stored.alertId(), closed.rule(), closed.severity(),
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

    /** Writes the batch. Deadlines are diffed against the stored rows, so a row that keeps its alert is untouched. */
    void flush() {
        List<StatusRow> status = new ArrayList<>();
        List<DeviceView> periods = new ArrayList<>(closedPeriods);
        List<StoredDeadline> gone = new ArrayList<>();
        List<NewDeadline> added = new ArrayList<>();
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
                if (d.severity() == AlertSeverity.BREACH && (nextDue == null || d.dueAt().isBefore(nextDue))) {
                    nextDue = d.dueAt();
                }
            }
            status.add(new StatusRow(t.view, timeSensitive, nextDue));
            periods.add(t.view);
            for (var e : t.stored.entrySet()) {
                if (!t.open.containsKey(e.getKey())) {
                    gone.add(e.getValue());
                }
            }
            for (var e : t.open.entrySet()) {
                if (!t.stored.containsKey(e.getKey())) {
                    added.add(new NewDeadline(t.view, e.getValue()));
                }
            }
        }
        store.deleteDeadlines(gone);
        store.insertDeadlines(added);
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
}
