package dev.custody.projections.admin;

import dev.custody.edge.Problem;
import dev.custody.processing.Quarantine;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operations: how far the read models are behind, and rebuilding them from the event store. */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Administration")
class ProjectionAdminController {

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
     */
    record ProjectionStatus(String name, String state, long generation, String requestedBy, Long replayedEvents,
                            long head, long lagEvents, boolean caughtUp, boolean replaying, boolean runningOnThisNode,
                            List<ProjectionProgress.SegmentProgress> segments,
                            ProjectionSupervisor.LastRebuild lastRebuild, long quarantinedEvents, boolean livePaused) {
    }

    private final ProjectionProgress progress;
    private final ObjectProvider<ProjectionSupervisor> supervisor;
    private final Quarantine quarantine;

    ProjectionAdminController(ProjectionProgress progress, ObjectProvider<ProjectionSupervisor> supervisor,
                              Quarantine quarantine) {
        this.progress = progress;
        this.supervisor = supervisor;
        this.quarantine = quarantine;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','INSPECTOR')")
    @Operation(summary = "Every read-model processor: position, lag and rebuild state")
    List<ProjectionStatus> status() {
        return List.of(status(requireSupervisor()));
    }

    @PostMapping("/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild every read model from the event store",
            description = "One node replays the event store into tables beside the live ones, which keep serving; "
                    + "the processors pause only while the rebuilt tables are swapped in. Alerts already raised are "
                    + "kept. Poll GET /api/v1/admin/projections until state is LIVE: lastRebuild says COMPLETED, or "
                    + "FAILED with the error (the live tables are then left as they were).")
    ResponseEntity<ProjectionStatus> rebuild(@Parameter(hidden = true) Actor actor) {
        ProjectionSupervisor s = requireSupervisor();
        if (!s.requestRebuild(actor.id())) {
            throw Problem.conflict("rebuild-in-progress", "a rebuild is already under way");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(s));
    }

    private ProjectionStatus status(ProjectionSupervisor s) {
        ProjectionSupervisor.Control c = s.control();
        ProjectionProgress.Progress p = progress.progress();
        boolean live = "LIVE".equals(c.state());
        return new ProjectionStatus(ProjectionSupervisor.PROCESSOR, c.state(), c.generation(), c.requestedBy(),
                c.replayed(), p.head(), p.lagEvents(), live && p.caughtUp(), !live || p.replaying(), s.runningHere(),
                p.segments(), c.last(), quarantine.openCount(ProjectionSupervisor.PROCESSOR), !live && c.pauseLive());
    }

    private ProjectionSupervisor requireSupervisor() {
        ProjectionSupervisor s = supervisor.getIfAvailable();
        if (s == null) {
            throw Problem.conflict("projections-role-off", "this node does not run the projections role");
        }
        return s;
    }
}
