package dev.custody.projections.admin;

import dev.custody.processing.Faults;
import dev.custody.processing.Quarantine;
import dev.custody.projections.device.DeviceProjectionReplayer;
import dev.custody.projections.device.DeviceProjector;
import dev.custody.projections.device.RebuildTables;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the read models across every node, coordinated through the {@code projection_control} row, beside the
 * live ones: the live tables keep serving, and keep being updated, until the rebuilt ones replace them.
 * <ol>
 *   <li>An admin asks: the row goes from LIVE to REBUILD_REQUESTED.</li>
 *   <li>Exactly one node (the one whose update wins) takes it to REBUILDING and replays the whole store into the
 *       rebuild tables ({@link RebuildTables}, {@link DeviceProjectionReplayer}), beating a heartbeat as it goes.
 *       Every node's {@code device-projection} processor keeps the live tables current meanwhile, unless it was more
 *       than {@code custody.projections.rebuild.live-lag-limit} events behind when the rebuild began: then it pauses
 *       (the live tables keep serving as they are), since the rebuild covers its backlog faster.</li>
 *   <li>Replayed to the head, it takes the row to SWAPPING: every node stops its processor. Once no segment is
 *       claimed, it replays what arrived meanwhile and, in one transaction, swaps the rebuilt tables in, sets every
 *       segment's token to where the replay stopped, settles the quarantine (poison events it met are quarantined;
 *       quarantined events it applied are resolved) and returns the row to LIVE. Every node starts its processor.</li>
 * </ol>
 * A rebuild that fails, for any reason, or whose node stops beating, returns the row to LIVE with its error
 * ({@code last_outcome} FAILED, {@code last_error}), shown by {@code GET /api/v1/admin/projections}: the live tables
 * were never touched and keep serving. It is never started again by itself; an admin asks again once the cause is
 * fixed. Alerts are kept; no alert is raised for a device until its view has caught up with its events.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.projections", havingValue = "true", matchIfMissing = true)
public class ProjectionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSupervisor.class);
    static final String PROCESSOR = DeviceProjector.PROCESSING_GROUP;

    /**
     * The control row.
     *
     * @param pauseLive the live processors pause during this rebuild: they were far behind when it began
     */
    public record Control(String state, long generation, String requestedBy, Timestamp requestedAt,
                          Timestamp heartbeatAt, Long replayed, boolean pauseLive, LastRebuild last) {
    }

    /** How the last rebuild ended: COMPLETED or FAILED (with its error), and how long it took (wall time). */
    public record LastRebuild(String outcome, String error, Instant startedAt, Instant finishedAt, Long events,
                              Double seconds, Integer quarantined) {
    }

    private final JdbcTemplate jdbc;
    private final ProjectionProgress progress;
    private final EventProcessingConfiguration processing;
    private final DeviceProjectionReplayer replayer;
    private final RebuildTables tables;
    private final Quarantine quarantine;
    private final TokenStore tokenStore;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int segmentCount;
    private final Duration stale;
    private final long liveLagLimit;
    private final AtomicBoolean rebuildingHere = new AtomicBoolean();

    ProjectionSupervisor(JdbcTemplate jdbc, ProjectionProgress progress, EventProcessingConfiguration processing,
                         DeviceProjectionReplayer replayer, RebuildTables tables, Quarantine quarantine,
                         TokenStore tokenStore, TransactionTemplate tx, Clock clock,
                         @Value("${axon.eventhandling.processors.device-projection.initial-segment-count:4}")
                         int segmentCount,
                         @Value("${custody.projections.rebuild.stale-after:PT2M}") Duration stale,
                         @Value("${custody.projections.rebuild.live-lag-limit:10000}") long liveLagLimit) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.processing = processing;
        this.replayer = replayer;
        this.tables = tables;
        this.quarantine = quarantine;
        this.tokenStore = tokenStore;
        this.tx = tx;
        this.clock = clock;
        this.segmentCount = segmentCount;
        this.stale = stale;
        this.liveLagLimit = liveLagLimit;
    }

    /** @return false when a rebuild is already under way */
    public boolean requestRebuild(String by) {
        return jdbc.update("update projection_control set state = 'REBUILD_REQUESTED', generation = generation + 1, "
                        + "requested_by = ?, requested_at = ?, replayed = 0 where processor = ? and state = 'LIVE'",
                by, now(), PROCESSOR) == 1;
    }

    public Control control() {
        return jdbc.queryForObject("select state, generation, requested_by, requested_at, heartbeat_at, replayed, "
                        + "last_outcome, last_error, last_started_at, last_finished_at, last_events, last_quarantined, "
                        + "last_seconds, pause_live from projection_control where processor = ?",
                (rs, i) -> new Control(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4),
                        rs.getTimestamp(5), (Long) rs.getObject(6), rs.getBoolean(14), rs.getString(7) == null ? null
                        : new LastRebuild(rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)),
                        instant(rs.getTimestamp(10)), (Long) rs.getObject(11), (Double) rs.getObject(13),
                        (Integer) rs.getObject(12))),
                PROCESSOR);
    }

    public boolean runningHere() {
        return processor().map(StreamingEventProcessor::isRunning).orElse(false);
    }

    @Scheduled(fixedDelayString = "${custody.projections.supervise-interval:PT0.5S}", initialDelayString = "PT2S")
    void supervise() {
        try {
            step();
        } catch (RuntimeException e) {
            log.warn("Projection supervision failed; retrying", e);
        }
    }

    /** One step of the protocol above; idempotent, so every node runs it on every tick. */
    void step() {
        Optional<StreamingEventProcessor> found = processor();
        if (found.isEmpty()) {
            return;
        }
        StreamingEventProcessor processor = found.get();
        Control control = control();
        switch (control.state()) {
            case "REBUILD_REQUESTED" -> {
                // Live processing far behind would only compete with a rebuild that covers its backlog anyway.
                boolean pauseLive = progress.progress().lagEvents() > liveLagLimit;
                if (jdbc.update("update projection_control set state = 'REBUILDING', heartbeat_at = ?, "
                        + "last_started_at = ?, pause_live = ? where processor = ? and state = 'REBUILD_REQUESTED'",
                        now(), now(), pauseLive, PROCESSOR) == 1) {
                    log.info("Rebuild {} starts on this node; live processing {} meanwhile", control.generation(),
                            pauseLive ? "pauses (it is more than " + liveLagLimit + " events behind)" : "goes on");
                    rebuildingHere.set(true);
                    Thread rebuild = new Thread(() -> rebuild(control.generation()), "projection-rebuild");
                    rebuild.setDaemon(true);
                    rebuild.start();
                }
            }
            case "REBUILDING" -> {
                if (control.pauseLive()) {
                    stop(processor, control);
                } else {
                    start(processor);
                }
                failIfAbandoned(control);
            }
            case "SWAPPING" -> {
                stop(processor, control);
                failIfAbandoned(control);
            }
            default -> start(processor);
        }
    }

    /** A rebuild whose node stopped beating is over: it fails, visibly, and is not started again. */
    private void failIfAbandoned(Control control) {
        if (!rebuildingHere.get() && control.heartbeatAt() != null
                && control.heartbeatAt().toInstant().isBefore(clock.instant().minus(stale))) {
            log.error("Rebuild {} stopped beating at {}; the live read models stay as they are", control.generation(),
                    control.heartbeatAt().toInstant());
            jdbc.update("update projection_control set state = 'LIVE', last_outcome = 'FAILED', last_error = ?, "
                            + "last_finished_at = ?, last_seconds = null, last_events = null, last_quarantined = null "
                            + "where processor = ? and state = ? and heartbeat_at = ?",
                    "the rebuilding node stopped (no heartbeat since " + control.heartbeatAt().toInstant() + ")",
                    now(), PROCESSOR, control.state(), control.heartbeatAt());
        }
    }

    private void rebuild(long generation) {
        long started = System.nanoTime();
        try {
            tables.prepare();
            log.info("Rebuild {}: replaying the event store beside the live read models", generation);
            DeviceProjectionReplayer.Replay replay = replayer.replay();
            DeviceProjectionReplayer.Result result = replay.run(null, this::beat);
            tables.finishLoading();
            long replayed = result.events();
            // The live processors (if they ran) stop only for the last few events and the swap.
            mustUpdate(jdbc.update("update projection_control set state = 'SWAPPING', heartbeat_at = ? "
                    + "where processor = ? and state = 'REBUILDING' and generation = ?", now(), PROCESSOR, generation));
            awaitEveryProcessorStopped(generation);
            DeviceProjectionReplayer.Result rest = replay.run(result.lastToken(), n -> beat(replayed + n));
            TrackingToken last = rest.lastToken();
            long events = replayed + rest.events();
            List<DeviceProjectionReplayer.Poison> poisons = replay.poisons();
            tx.executeWithoutResult(s -> {
                tables.swap();
                moveTokensTo(last);
                settleQuarantine(poisons, generation);
                mustUpdate(jdbc.update("update projection_control set state = 'LIVE', heartbeat_at = ?, "
                                + "replayed = ?, last_outcome = 'COMPLETED', last_error = null, last_finished_at = ?, "
                                + "last_events = ?, last_quarantined = ?, last_seconds = ? where processor = ? "
                                + "and state = 'SWAPPING' and generation = ?",
                        now(), events, now(), events, poisons.size(), (System.nanoTime() - started) / 1e9, PROCESSOR,
                        generation));
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Rebuild {} complete: {} events in {} s ({} events/s), {} poison event(s) quarantined", generation,
                    events, String.format("%.1f", seconds), Math.round(events / Math.max(seconds, 1e-3)),
                    poisons.size());
        } catch (Exception e) {
            log.error("Rebuild {} failed; the live read models stay as they were. Ask again once the cause is fixed.",
                    generation, e);
            jdbc.update("update projection_control set state = 'LIVE', last_outcome = 'FAILED', last_error = ?, "
                            + "last_finished_at = ?, last_seconds = ?, last_events = null, last_quarantined = null "
                            + "where processor = ? and generation = ? and state <> 'LIVE'",
                    Faults.describe(e).toString(), now(), (System.nanoTime() - started) / 1e9, PROCESSOR, generation);
            discardQuietly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            rebuildingHere.set(false);
        }
    }

    private void beat(long events) {
        jdbc.update("update projection_control set heartbeat_at = ?, replayed = ? where processor = ?", now(), events,
                PROCESSOR);
    }

    /** Waits, beating, until no node holds a segment of the processor (each stops it on seeing SWAPPING). */
    private void awaitEveryProcessorStopped(long generation) throws InterruptedException {
        long deadline = System.nanoTime() + stale.toNanos();
        while (claimedSegments() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the processors did not stop within " + stale + " for the swap");
            }
            mustUpdate(jdbc.update("update projection_control set heartbeat_at = ? where processor = ? "
                    + "and state = 'SWAPPING' and generation = ?", now(), PROCESSOR, generation));
            Thread.sleep(100);
        }
    }

    /**
     * The rebuilt tables hold what the replay made of every event up to its last position: its poisons are now the
     * device projection's quarantine, and the projection's earlier quarantined events that it applied are resolved.
     */
    private void settleQuarantine(List<DeviceProjectionReplayer.Poison> poisons, long generation) {
        Set<Long> stillFailing = new HashSet<>();
        for (DeviceProjectionReplayer.Poison poison : poisons) {
            quarantine.quarantine(poison.source(), poison.error(), 1);
            stillFailing.add(poison.source().globalIndex());
        }
        for (Quarantine.Entry open : quarantine.list(PROCESSOR, List.of(Quarantine.QUARANTINED), Integer.MAX_VALUE)) {
            if (!stillFailing.contains(open.globalIndex())) {
                quarantine.resolve(open.id(), "rebuild " + generation, "applied by the rebuild");
            }
        }
    }

    /** Every segment of the processor continues from the replay's last position (none claimed: all stopped). */
    private void moveTokensTo(TrackingToken token) {
        if (token == null) {
            return;
        }
        int[] segments = tokenStore.fetchSegments(PROCESSOR);
        if (segments.length == 0) {
            tokenStore.initializeTokenSegments(PROCESSOR, segmentCount, token);
            return;
        }
        for (int segment : segments) {
            tokenStore.fetchToken(PROCESSOR, segment);
            tokenStore.storeToken(token, PROCESSOR, segment);
            tokenStore.releaseClaim(PROCESSOR, segment);
        }
    }

    private void start(StreamingEventProcessor processor) {
        if (!processor.isRunning()) {
            processor.start();
        }
    }

    private void stop(StreamingEventProcessor processor, Control control) {
        if (processor.isRunning()) {
            log.info("Rebuild {} requested by {}: stopping the {} processor on this node until the swap",
                    control.generation(), control.requestedBy(), PROCESSOR);
            processor.shutdownAsync().orTimeout(60, TimeUnit.SECONDS).join();
        }
    }

    private void discardQuietly() {
        try {
            tables.discard();
        } catch (RuntimeException e) {
            log.warn("Could not drop the failed rebuild's tables ({}); the next rebuild tries again",
                    Faults.describe(e));
        }
    }

    private static void mustUpdate(int rows) {
        if (rows != 1) {
            throw new IllegalStateException("the rebuild was taken over or abandoned meanwhile");
        }
    }

    private int claimedSegments() {
        List<Integer> n = jdbc.queryForList("select count(*)::int from token_entry where processor_name = ? "
                + "and owner is not null", Integer.class, PROCESSOR);
        return n.isEmpty() ? 0 : n.get(0);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class);
    }
}
