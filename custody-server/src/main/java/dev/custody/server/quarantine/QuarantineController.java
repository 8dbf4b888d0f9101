package dev.custody.server.quarantine;

import dev.custody.processing.QuarantineAdmin;
import dev.custody.processing.QuarantineAdmin.QuarantinedEvent;
import dev.custody.processing.QuarantineAdmin.RetryResult;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * The quarantine, for admins: the events every processor set aside after they kept failing, and retrying one once
 * its cause is fixed (a code fix deployed, or the stored event repaired). The logic is {@link QuarantineAdmin}'s,
 * shared with the admin page.
 */
@RestController
@RequestMapping("/api/v1/admin/quarantine")
@Tag(name = "Administration")
class QuarantineController {

    private final QuarantineAdmin quarantine;

    QuarantineController(QuarantineAdmin quarantine) {
        this.quarantine = quarantine;
    }

    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Events set aside by a processor after failing again and again, newest first",
            description = "state: QUARANTINED (default), RESOLVED or ALL. processor: device-projection, "
                    + "kafka-publisher or custody-notifier; all by default.")
    List<QuarantinedEvent> list(@Valid @ParameterObject QuarantineFilter filter) {
        return quarantine.list(filter.processor(), filter.state(), filter.limit());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "One quarantined event")
    QuarantinedEvent one(@PathVariable UUID id) {
        return quarantine.one(id);
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Retry a quarantined event once its cause is fixed",
            description = "Handles the event again through its processor, then every later event of its device that "
                    + "waited behind it, in order. result APPLIED: the device flows again; STILL_FAILING: the event "
                    + "failed again (the new error is recorded); STOPPED_AT_LATER_EVENT: it was applied and a later "
                    + "event of the device is quarantined now. 409 when the row is not quarantined or its processor "
                    + "does not run on this node; 503 when the database or broker is away.")
    RetryResult retry(@Parameter(hidden = true) Actor actor, @PathVariable UUID id) {
        return quarantine.retry(id, actor.id());
    }
}
