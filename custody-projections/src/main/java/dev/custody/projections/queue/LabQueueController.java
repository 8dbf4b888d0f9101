package dev.custody.projections.queue;

import dev.custody.projections.queue.LabQueueService.LabQueue;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A forensic lab's prioritised queue, each place explained. */
@RestController
@Tag(name = "Lab queue")
class LabQueueController {

    private final LabQueueService queues;

    LabQueueController(LabQueueService queues) {
        this.queues = queues;
    }

    @GetMapping("/api/v1/labs/{lab}/queue")
    @PreAuthorize("hasAnyRole('LAB','OFFICER','SUPERVISOR','INSPECTOR')")
    @Operation(summary = "The lab's queue in priority order",
            description = "Data at risk first, then victims with enhanced rights, then the nearest or most overdue "
                    + "deadline, then the longest held. Each entry says why it is where it is.")
    LabQueue queue(@Parameter(hidden = true) Actor actor, @PathVariable String lab,
                   @RequestParam(defaultValue = "100") int limit) {
        return queues.queue(actor, lab, limit);
    }
}
