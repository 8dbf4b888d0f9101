package dev.custody.projections.admin;

import dev.custody.edge.Problem;
import dev.custody.processing.Quarantine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The read models' state as admins see it, shared by the REST API ({@code /api/v1/admin/projections}) and the admin
 * page: position, lag, segments, the nodes running the processors, and asking for a rebuild. Refusals are
 * {@link Problem}s (409 while a rebuild is under way or where this node does not run the projections role).
 */
@Service
public class ProjectionAdmin {

    /**
     * @param state             LIVE, REBUILD_REQUESTED, REBUILDING (replaying beside the live tables, which keep
     *                          serving) or SWAPPING (the processors pause while the rebuilt tables replace them)
     * @param replayedEvents    events the current or last rebuild replayed
     * @param head              the global position of the newest stored event
     * @param caughtUp          every segment has applied every event up to the head
     * @param runningOnThisNode whether this node's processor is running
     * @param lastRebuild       how the last rebuild ended: COMPLETED, or FAILED with its error (it is not started
     *                          again by itself, and the live read models were left serving)
     * @param quarantinedEvents this processor's events quarantined and not yet resolved (GET /api/v1/admin/quarantine)
     * @param livePaused        during a rebuild: the live processors pause (they were far behind when it began), so
     *                          the live read models serve as they stood until the swap
     * @param nodes             the nodes whose heartbeat says they run this processor, and the segments each claims
     */
    public record ProjectionStatus(String name, String state, long generation, String requestedBy,
                                   Long replayedEvents, long head, long lagEvents, boolean caughtUp,
                                   boolean replaying, boolean runningOnThisNode,
                                   List<ProjectionProgress.SegmentProgress> segments,
                                   ProjectionSupervisor.LastRebuild lastRebuild, long quarantinedEvents,
                                   boolean livePaused, List<Node> nodes) {

        public boolean live() {
            return "LIVE".equals(state);
        }
    }

    /**
     * A node running the processor, from its heartbeat in {@code processing_node}.
     *
     * @param live     its heartbeat is younger than three balance intervals
     * @param segments the segments it claims now, from the token store
     */
    public record Node(String nodeId, Instant seenAt, boolean live, List<Integer> segments) {
    }

    private final ProjectionProgress progress;
    private final ObjectProvider<ProjectionSupervisor> supervisor;
    private final Quarantine quarantine;
    private final JdbcTemplate jdbc;
    private final Duration heartbeatAge;

    ProjectionAdmin(ProjectionProgress progress, ObjectProvider<ProjectionSupervisor> supervisor,
                    Quarantine quarantine, JdbcTemplate jdbc,
                    @Value("${custody.processing.balance-interval:PT5S}") Duration balanceInterval) {
        this.progress = progress;
        this.supervisor = supervisor;
        this.quarantine = quarantine;
        this.jdbc = jdbc;
        this.heartbeatAge = balanceInterval.multipliedBy(3);
    }

    /** Every read-model processor (today one: {@code device-projection}). */
    public List<ProjectionStatus> status() {
        return List.of(status(requireSupervisor()));
    }

    /**
     * Asks every node for a rebuild; one of them runs it.
     *
     * @param by the admin asking
     */
    public ProjectionStatus rebuild(String by) {
        ProjectionSupervisor s = requireSupervisor();
        if (!s.requestRebuild(by)) {
            throw Problem.conflict("rebuild-in-progress", "a rebuild is already under way");
        }
        return status(s);
    }

    private ProjectionStatus status(ProjectionSupervisor s) {
        ProjectionSupervisor.Control c = s.control();
        ProjectionProgress.Progress p = progress.progress();
        boolean live = "LIVE".equals(c.state());
        return new ProjectionStatus(ProjectionSupervisor.PROCESSOR, c.state(), c.generation(), c.requestedBy(),
                c.replayed(), p.head(), p.lagEvents(), live && p.caughtUp(), !live || p.replaying(), s.runningHere(),
                p.segments(), c.last(), quarantine.openCount(ProjectionSupervisor.PROCESSOR), !live && c.pauseLive(),
                nodes(p));
    }

    /** Nodes by heartbeat, plus any owner of a claim whose heartbeat is gone (a node that died holding segments). */
    private List<Node> nodes(ProjectionProgress.Progress p) {
        // Liveness is judged by the database's clock, which wrote the heartbeats, as SegmentBalancer judges it.
        Map<String, Instant> seen = new LinkedHashMap<>();
        Map<String, Boolean> alive = new LinkedHashMap<>();
        jdbc.query("select node_id, seen_at, seen_at > now() - ?::interval from processing_node "
                + "where processor_name = ? order by node_id", rs -> {
                    seen.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    alive.put(rs.getString(1), rs.getBoolean(3));
                }, heartbeatAge.toMillis() + " milliseconds", p.processor());
        Map<String, List<Integer>> claims = new LinkedHashMap<>();
        for (ProjectionProgress.SegmentProgress segment : p.segments()) {
            if (segment.owner() != null) {
                claims.computeIfAbsent(segment.owner(), o -> new ArrayList<>()).add(segment.segment());
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (String node : new TreeSet<>(concat(seen.keySet(), claims.keySet()))) {
            nodes.add(new Node(node, seen.get(node), alive.getOrDefault(node, false),
                    claims.getOrDefault(node, List.of())));
        }
        return nodes;
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private ProjectionSupervisor requireSupervisor() {
        ProjectionSupervisor s = supervisor.getIfAvailable();
        if (s == null) {
            throw Problem.conflict("projections-role-off", "this node does not run the projections role");
        }
        return s;
    }
}
