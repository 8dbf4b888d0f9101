package dev.custody.web.lab;

import dev.custody.projections.queue.LabQueueService;
import dev.custody.projections.queue.LabQueueService.LabQueue;
import dev.custody.values.Actor;
import dev.custody.web.form.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The lab technician's start page: the scan box and the lab's prioritised queue, which updates itself when the
 * projection changes a device at the lab ({@code /live/lab}, htmx fetching {@code /lab/queue}).
 */
@Controller
class LabController {

    /** Rows shown: the top of the queue is what a technician works on; the total says how long the rest is. */
    static final int SHOWN = 100;

    private final LabQueueService queues;

    LabController(LabQueueService queues) {
        this.queues = queues;
    }

    @GetMapping("/lab")
    String lab(Actor actor, Model model) {
        model.addAttribute("errors", FormErrors.none());
        addQueue(actor, model);
        return "lab/lab";
    }

    /** The queue alone, for htmx to swap in; a browser asking for it directly gets the whole page. */
    @GetMapping("/lab/queue")
    String queue(Actor actor, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        if (htmx == null) {
            return "redirect:/lab";
        }
        addQueue(actor, model);
        model.addAttribute("htmx", true);
        return "lab/lab :: queue";
    }

    private void addQueue(Actor actor, Model model) {
        LabQueue queue = actor.lab() == null ? null : queues.queue(actor, actor.lab().value(), SHOWN);
        model.addAttribute("queue", queue);
    }
}
