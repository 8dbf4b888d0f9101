package dev.custody.projections.alert;

import dev.custody.edge.Params;
import dev.custody.projections.access.Page;
import dev.custody.projections.alert.AlertService.AcknowledgeRequest;
import dev.custody.projections.alert.AlertService.AlertDetail;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** Alerts for supervisors to act on, and the alert log inspectors audit; the work is {@link AlertService}'s. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Alerts", description = "Deadlines that fell due, raised once, resolved by the step they waited for")
class AlertController {

    private final AlertService alerts;

    AlertController(AlertService alerts) {
        this.alerts = alerts;
    }

    @GetMapping("/alerts")
    @PreAuthorize("hasAnyRole('SUPERVISOR','INSPECTOR','OFFICER','LAB')")
    @Operation(summary = "Search alerts", description = "Newest first. Everyone but inspectors sees only their own force.")
    Page<AlertView> alerts(@Parameter(hidden = true) Actor actor, @Valid @ParameterObject AlertFilter filter,
                           BindingResult bound) {
        return alerts.search(actor, filter.query(), filter.page(), filter.size(), Params.of(bound));
    }

    @GetMapping("/alerts/{id}")
    @PreAuthorize("hasAnyRole('SUPERVISOR','INSPECTOR','OFFICER','LAB')")
    @Operation(summary = "One alert with its log: raised, acknowledged, resolved")
    AlertDetail alert(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        return alerts.detail(actor, id);
    }

    @PostMapping("/alerts/{id}/acknowledgement")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Acknowledge an open alert with a note", description = "Supervisors of the device's force only.")
    AlertDetail acknowledge(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                            @RequestBody AcknowledgeRequest body) {
        return alerts.acknowledge(actor, id, body);
    }

    @GetMapping("/alert-log")
    @PreAuthorize("hasAnyRole('INSPECTOR','SUPERVISOR')")
    @Operation(summary = "The append-only alert log", description = "Every raise, acknowledgement and resolution, oldest first.")
    Page<AlertLogEntry> log(@Parameter(hidden = true) Actor actor, @Valid @ParameterObject AlertLogFilter filter) {
        return alerts.log(actor, filter.query(), filter.page(), filter.size());
    }
}
