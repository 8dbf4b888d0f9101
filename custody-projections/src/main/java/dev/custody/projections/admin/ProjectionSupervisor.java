package dev.custody.projections.admin;

import dev.custody.projections.device.DeviceProjectionReplayer;
import dev.custody.projections.device.DeviceProjector;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rebuilds the read models across every node, coordinated through the {@code projection_control} row.
 * <ol>
 *   <li>An admin asks: the row goes from LIVE to REBUILD_REQUESTED.</li>
 *   <li>Every node running projections stops its {@code device-projection} processor, releasing its segments.</li>
 *   <li>Once no segment is claimed, exactly one node (the one whose update wins) takes the row to REBUILDING,
 *       empties the read models and replays the whole store through {@link DeviceProjectionReplayer}, beating a
 *       heartbeat as it goes.</li>
 *   <li>It then sets every segment's token to the position the replay reached and takes the row back to LIVE; every
 *       node starts its processor, which carries on from there with whatever arrived since.</li>
 * </ol>
 * If the rebuilding node dies, another node sees the heartbeat stop and starts the rebuild again. Alerts are kept;
 * no alert is raised for a device until its view has caught up with its events (see {@code AlertStore}).
 */
@Component
@ConditionalOnProperty(name = "custody.roles.projections", havingValue = "true", matchIfMissing = true)
public class ProjectionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSupervisor.class);
    static final String PROCESSOR = DeviceProjector.PROCESSING_GROUP;
    private static final Duration STALE = Duration.ofMinutes(2);

    /** The control row. */
    public record Control(String state, long generation, String requestedBy, Timestamp requestedAt,
                          Timestamp heartbeatAt, Long replayed) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final DeviceProjectionReplayer replayer;
    private final TokenStore tokenStore;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int segmentCount;
    private final AtomicBoolean rebuildingHere = new AtomicBoolean();

    ProjectionSupervisor(JdbcTemplate jdbc, EventProcessingConfiguration processing, DeviceProjectionReplayer replayer,
                         TokenStore tokenStore, TransactionTemplate tx, Clock clock,
                         @Value("${axon.eventhandling.processors.device-projection.initial-segment-count:4}")
                         int segmentCount) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.replayer = replayer;
        this.tokenStore = tokenStore;
        this.tx = tx;
        this.clock = clock;
        this.segmentCount = segmentCount;
    }

    /** @return false when a rebuild is already under way */
    public boolean requestRebuild(String by) {
        return jdbc.update("update projection_control set state = 'REBUILD_REQUESTED', generation = generation + 1, "
                        + "requested_by = ?, requested_at = ?, replayed = 0 where processor = ? and state = 'LIVE'",
                by, now(), PROCESSOR) == 1;
    }

    public Control control() {
        return jdbc.queryForObject("select state, generation, requested_by, requested_at, heartbeat_at, replayed "
                        + "from projection_control where processor = ?",
                (rs, i) -> new Control(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4),
                        rs.getTimestamp(5), (Long) rs.getObject(6)), PROCESSOR);
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
                stop(processor, control);
                if (claimedSegments() == 0 && jdbc.update("update projection_control set state = 'REBUILDING', "
                        + "heartbeat_at = ? where processor = ? and state = 'REBUILD_REQUESTED'", now(), PROCESSOR) == 1) {
                    rebuildingHere.set(true);
                    Thread rebuild = new Thread(() -> rebuild(control.generation()), "projection-rebuild");
                    rebuild.setDaemon(true);
                    rebuild.start();
                }
            }
            case "REBUILDING" -> {
                stop(processor, control);
                if (!rebuildingHere.get() && control.heartbeatAt() != null
                        && control.heartbeatAt().toInstant().isBefore(clock.instant().minus(STALE))) {
                    log.warn("Rebuild {} stopped beating; starting it again", control.generation());
                    jdbc.update("update projection_control set state = 'REBUILD_REQUESTED' where processor = ? "
                            + "and state = 'REBUILDING' and heartbeat_at = ?", PROCESSOR, control.heartbeatAt());
                }
            }
            default -> {
                if (!processor.isRunning()) {
                    processor.start();
                }
            }
        }
    }

    private void rebuild(long generation) {
        try {
            long started = System.nanoTime();
            tx.executeWithoutResult(s -> {
                jdbc.execute("truncate table device_status, custody_period, logging_lag");
                dropSecondaryIndexes();
            });
            log.info("Rebuild {}: read models emptied; replaying the event store", generation);
            DeviceProjectionReplayer.Result result = replayer.replay(events -> jdbc.update(
                    "update projection_control set heartbeat_at = ?, replayed = ? where processor = ?",
                    now(), events, PROCESSOR));
            restoreSecondaryIndexes();
            tx.executeWithoutResult(s -> {
                moveTokensTo(result.lastToken());
                jdbc.update("update projection_control set state = 'LIVE', heartbeat_at = ?, replayed = ? "
                        + "where processor = ?", now(), result.events(), PROCESSOR);
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Rebuild {} complete: {} events in {} s ({} events/s)", generation, result.events(),
                    String.format("%.1f", seconds), Math.round(result.events() / Math.max(seconds, 1e-3)));
        } catch (Exception e) {
            log.error("Rebuild {} failed; it will be started again", generation, e);
            jdbc.update("update projection_control set state = 'REBUILD_REQUESTED' where processor = ? "
                    + "and state = 'REBUILDING'", PROCESSOR);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            rebuildingHere.set(false);
        }
    }

    /**
     * Loading millions of rows is several times faster without the secondary indexes to maintain row by row; they
     * are built once at the end, from sorted data. Their definitions are read from the catalogue (so they always
     * match the migrations) and kept in the control row, so a rebuild that dies half way restores them next time.
     */
    private void dropSecondaryIndexes() {
        String saved = jdbc.queryForObject("select saved_indexes from projection_control where processor = ?",
                String.class, PROCESSOR);
        if (saved == null) {
            List<String> definitions = jdbc.queryForList("select indexdef from pg_indexes "
                    + "where schemaname = current_schema() and tablename in ('device_status', 'custody_period') "
                    + "and indexname not like '%\\_pk' order by indexname", String.class);
            jdbc.update("update projection_control set saved_indexes = ? where processor = ?",
                    String.join(";\n", definitions), PROCESSOR);
            for (String definition : definitions) {
                String name = definition.replaceFirst("(?is)^create (unique )?index (\\S+) on .*$", "$2");
                jdbc.execute("drop index if exists " + name);
            }
        }
    }

    private void restoreSecondaryIndexes() {
        String saved = jdbc.queryForObject("select saved_indexes from projection_control where processor = ?",
                String.class, PROCESSOR);
        if (saved != null && !saved.isBlank()) {
            for (String definition : saved.split(";\n")) {
                jdbc.execute(definition.replaceFirst("(?i)^create (unique )?index ", "create $1index if not exists "));
            }
        }
        jdbc.update("update projection_control set saved_indexes = null where processor = ?", PROCESSOR);
        jdbc.execute("analyze device_status");
        jdbc.execute("analyze custody_period");
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

    private void stop(StreamingEventProcessor processor, Control control) {
        if (processor.isRunning()) {
            log.info("Rebuild {} requested by {}: stopping the {} processor on this node", control.generation(),
                    control.requestedBy(), PROCESSOR);
            processor.shutdownAsync().orTimeout(60, TimeUnit.SECONDS).join();
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

    private Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class);
    }
}
