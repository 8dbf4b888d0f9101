package dev.custody.projections.alert;

import dev.custody.edge.Bounds;
import dev.custody.edge.FreeText;
import dev.custody.edge.NotFound;
import dev.custody.edge.Params;
import dev.custody.edge.Problem;
import dev.custody.edge.TimeWindow;
import dev.custody.edge.TimeWindow.Horizon;
import dev.custody.projections.access.ForceFilter;
import dev.custody.projections.access.Page;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alerts for supervisors to act on, and the alert log inspectors audit. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Alerts", description = "Deadlines that fell due, raised once, resolved by the step they waited for")
class AlertController {

    private static final List<String> STATES = List.of("OPEN", "ACKNOWLEDGED", "RESOLVED");

    record AlertDetail(AlertView alert, List<AlertLogEntry> log) {
    }

    record AcknowledgeRequest(@NotBlank @Size(max = Bounds.NOTE) @FreeText String note) {
    }

    private final AlertStore store;
    private final Clock clock;
    private final TimeWindow window;

    AlertController(AlertStore store, Clock clock, TimeWindow window) {
        this.store = store;
        this.clock = clock;
        this.window = window;
    }

    @GetMapping("/alerts")
    @PreAuthorize("hasAnyRole('SUPERVISOR','INSPECTOR','OFFICER','LAB')")
    @Operation(summary = "Search alerts", description = "Newest first. Everyone but inspectors sees only their own force.")
    Page<AlertView> alerts(@Parameter(hidden = true) Actor actor,
                           @RequestParam(required = false) String rule,
                           @RequestParam(required = false) String severity,
                           @RequestParam(required = false) String force,
                           @RequestParam(required = false) String state,
                           @RequestParam(required = false) String ownerRole,
                           @RequestParam(required = false) String lab,
                           @RequestParam(required = false) UUID deviceId,
                           @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "50") int size) {
        new Params().oneOf("rule", rule, AlertRule.values())
                .oneOf("severity", severity, AlertSeverity.values())
                .oneOf("ownerRole", ownerRole, OwnerRole.values())
                .oneOf("state", state, STATES)
                .text("force", force).text("lab", lab)
                .within(window, Horizon.FUTURE, "from", from).within(window, Horizon.FUTURE, "to", to)
                .paging(page, size)
                .check(from == null || to == null || from.isBefore(to), "to", "must be after from")
                .validate();
        var filter = new AlertStore.Filter(rule, severity, ForceFilter.of(actor, force), state, ownerRole, lab,
                deviceId, from, to);
        return new Page<>(store.search(filter, page, size), page, size, store.count(filter));
    }

    @GetMapping("/alerts/{id}")
    @PreAuthorize("hasAnyRole('SUPERVISOR','INSPECTOR','OFFICER','LAB')")
    @Operation(summary = "One alert with its log: raised, acknowledged, resolved")
    AlertDetail alert(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        AlertView alert = visible(actor, id);
        return new AlertDetail(alert, store.log(id));
    }

    @PostMapping("/alerts/{id}/acknowledgement")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Acknowledge an open alert with a note", description = "Supervisors of the device's force only.")
    AlertDetail acknowledge(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                            @Valid @RequestBody AcknowledgeRequest body) {
        visible(actor, id);
        if (!store.acknowledge(id, actor.id(), body.note(), clock.instant())) {
            throw Problem.conflict("alert-not-open", "the alert was already acknowledged or resolved");
        }
        return new AlertDetail(store.find(id).orElseThrow(), store.log(id));
    }

    @GetMapping("/alert-log")
    @PreAuthorize("hasAnyRole('INSPECTOR','SUPERVISOR')")
    @Operation(summary = "The append-only alert log", description = "Every raise, acknowledgement and resolution, oldest first.")
    Page<AlertLogEntry> log(@Parameter(hidden = true) Actor actor,
                            @RequestParam(required = false) String force,
                            @RequestParam(required = false) Instant from,
                            @RequestParam(required = false) Instant to,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "100") int size) {
        new Params().text("force", force)
                .within(window, Horizon.FUTURE, "from", from).within(window, Horizon.FUTURE, "to", to)
                .paging(page, size).validate();
        String scoped = ForceFilter.of(actor, force);
        return new Page<>(store.logEntries(scoped, from, to, page, size), page, size,
                store.countLogEntries(scoped, from, to));
    }

    private AlertView visible(Actor actor, UUID id) {
        return store.find(id)
                .filter(alert -> actor.canSee(new ForceCode(alert.force())))
                .orElseThrow(() -> NotFound.alert(id));
    }
}
