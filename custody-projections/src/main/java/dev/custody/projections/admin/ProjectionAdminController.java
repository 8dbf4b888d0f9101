package dev.custody.projections.admin;

import dev.custody.projections.admin.ProjectionAdmin.ProjectionStatus;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Operations: how far the read models are behind, and rebuilding them from the event store. The logic is
 * {@link ProjectionAdmin}'s, shared with the admin page.
 */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Administration")
class ProjectionAdminController {

    private final ProjectionAdmin admin;

    ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('ADMIN','INSPECTOR')")
    @Operation(summary = "Every read-model processor: position, lag, segments, nodes and rebuild state")
    List<ProjectionStatus> status() {
        return admin.status();
    }

    @PostMapping("/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild every read model from the event store",
            description = "One node replays the event store into tables beside the live ones, which keep serving; "
                    + "the processors pause only while the rebuilt tables are swapped in. Alerts already raised are "
                    + "kept. Poll GET /api/v1/admin/projections until state is LIVE: lastRebuild says COMPLETED, or "
                    + "FAILED with the error (the live tables are then left as they were).")
    ResponseEntity<ProjectionStatus> rebuild(@Parameter(hidden = true) Actor actor) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(admin.rebuild(actor.id()));
    }
}
