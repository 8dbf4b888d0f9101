package dev.custody.projections.admin;

import dev.custody.projections.device.DeviceProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the read models across every node, coordinated through the {@code projection_control} row.
 * <ol>
 *   <li>An admin asks: the row goes from LIVE to REBUILD_REQUESTED.</li>
 *   <li>Every node running projections stops its processor, releasing its segment claims.</li>
 *   <li>Once no segment is claimed, exactly one node (the one whose update wins) resets the tokens. Axon runs the
 *       projector's reset handler, which empties the read models, in the same transaction. The row goes to
 *       REBUILDING and every node starts its processor again: the segments replay in parallel.</li>
 *   <li>When every segment has caught up with the head of the event store, the row goes back to LIVE.</li>
 * </ol>
 * Alerts are not raised while the projection replays (see {@code AlertEngine}).
 */
@Component
@ConditionalOnProperty(name = "custody.roles.projections", havingValue = "true", matchIfMissing = true)
public class ProjectionSupervisor {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSupervisor.class);
    static final String PROCESSOR = DeviceProjector.PROCESSING_GROUP;

    /** The control row. */
    public record Control(String state, long generation, String requestedBy, Timestamp requestedAt) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProjectionProgress progress;
    private final Clock clock;

    ProjectionSupervisor(JdbcTemplate jdbc, EventProcessingConfiguration processing, ProjectionProgress progress,
                         Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.progress = progress;
        this.clock = clock;
    }

    /** @return false when a rebuild is already under way */
    public boolean requestRebuild(String by) {
        return jdbc.update("update projection_control set state = 'REBUILD_REQUESTED', generation = generation + 1, "
                        + "requested_by = ?, requested_at = ? where processor = ? and state = 'LIVE'",
                by, Timestamp.from(clock.instant()), PROCESSOR) == 1;
    }

    public Control control() {
        return jdbc.queryForObject("select state, generation, requested_by, requested_at from projection_control "
                        + "where processor = ?",
                (rs, i) -> new Control(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4)), PROCESSOR);
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

    /** One step of the protocol above; idempotent, so every node can run it on every tick. */
    void step() {
        Optional<StreamingEventProcessor> found = processor();
        if (found.isEmpty()) {
            return;
        }
        StreamingEventProcessor processor = found.get();
        Control control = control();
        switch (control.state()) {
            case "REBUILD_REQUESTED" -> {
                if (processor.isRunning()) {
                    log.info("Rebuild {} requested by {}: stopping the {} processor on this node",
                            control.generation(), control.requestedBy(), PROCESSOR);
                    processor.shutdownAsync().orTimeout(60, TimeUnit.SECONDS).join();
                }
                if (claimedSegments() == 0 && jdbc.update("update projection_control set state = 'RESETTING' "
                        + "where processor = ? and state = 'REBUILD_REQUESTED'", PROCESSOR) == 1) {
                    try {
                        processor.resetTokens();
                        jdbc.update("update projection_control set state = 'REBUILDING' where processor = ?", PROCESSOR);
                        log.info("Rebuild {}: tokens reset, read models emptied; replaying", control.generation());
                    } catch (RuntimeException e) {
                        jdbc.update("update projection_control set state = 'REBUILD_REQUESTED' where processor = ?",
                                PROCESSOR);
                        throw e;
                    }
                    processor.start();
                }
            }
            case "REBUILDING" -> {
                if (!processor.isRunning()) {
                    processor.start();
                }
                ProjectionProgress.Progress p = progress.progress();
                if (p.caughtUp() && jdbc.update("update projection_control set state = 'LIVE' "
                        + "where processor = ? and state = 'REBUILDING'", PROCESSOR) == 1) {
                    log.info("Rebuild {} complete at position {}", control.generation(), p.head());
                }
            }
            case "LIVE" -> {
                if (!processor.isRunning()) {
                    processor.start();
                }
            }
            default -> {
                // RESETTING: another node is resetting the tokens; wait for it
            }
        }
    }

    private int claimedSegments() {
        List<Integer> n = jdbc.queryForList("select count(*)::int from token_entry where processor_name = ? "
                + "and owner is not null", Integer.class, PROCESSOR);
        return n.isEmpty() ? 0 : n.get(0);
    }

    private Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class);
    }
}
