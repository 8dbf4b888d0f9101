package dev.custody.web.admin;

import dev.custody.edge.Problem;
import dev.custody.processing.QuarantineAdmin;
import dev.custody.processing.QuarantineAdmin.QuarantinedEvent;
import dev.custody.processing.QuarantineAdmin.RetryResult;
import dev.custody.projections.admin.ProjectionAdmin;
import dev.custody.projections.admin.ProjectionAdmin.ProjectionStatus;
import dev.custody.values.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.UUID;

/**
 * The admin's start page: the read models' state (position, lag, segments, nodes), the quarantined events with a
 * retry for each, and a rebuild with its progress. It calls the services behind the admin REST endpoints
 * ({@link ProjectionAdmin}, {@link QuarantineAdmin}); their refusals are the API's problems, shown as a banner.
 * While a rebuild runs, or the processor is not running on this node (it restarts after a rebuild's swap), the
 * status polls itself ({@code /admin/status}, htmx every second); it stops once every read model is LIVE and running.
 */
@Controller
class AdminController {

    /** Rows shown: more open quarantine rows than this is an incident, and the API lists up to 1,000. */
    static final int SHOWN = 100;

    /**
     * What the last action did, shown once after the redirect.
     *
     * @param success a success banner, or an important one naming the refusal
     */
    record Outcome(boolean success, String heading, String detail) {
    }

    /** A quarantined event with the short names the table shows. */
    record QuarantineRow(QuarantinedEvent event, String eventName, String errorName) {

        static QuarantineRow of(QuarantinedEvent event) {
            return new QuarantineRow(event, simpleName(event.eventType()), simpleName(event.error().type()));
        }

        /** {@code dev.custody.events.DeviceEvent$DeviceReceivedAtLab} reads "DeviceReceivedAtLab". */
        private static String simpleName(String className) {
            if (className == null) {
                return "Unknown";
            }
            return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
        }
    }

    private final ProjectionAdmin projections;
    private final QuarantineAdmin quarantine;

    AdminController(ProjectionAdmin projections, QuarantineAdmin quarantine) {
        this.projections = projections;
        this.quarantine = quarantine;
    }

    @GetMapping("/admin")
    String admin(Model model) {
        addStatus(model);
        model.addAttribute("quarantined", quarantine.list(null, QuarantineAdmin.Shown.QUARANTINED, SHOWN).stream()
                .map(QuarantineRow::of).toList());
        return "admin/admin";
    }

    /** The status alone, for htmx to swap in while a rebuild runs; a browser asking for it gets the whole page. */
    @GetMapping("/admin/status")
    String status(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        if (htmx == null) {
            return "redirect:/admin";
        }
        addStatus(model);
        model.addAttribute("htmx", true);
        return "admin/admin :: status";
    }

    @PostMapping("/admin/quarantine/{id}/retry")
    String retry(Actor actor, @PathVariable UUID id, RedirectAttributes redirect) {
        Outcome outcome;
        try {
            RetryResult result = quarantine.retry(id, actor.id());
            outcome = switch (result.result()) {
                case "APPLIED" -> new Outcome(true, "Event applied",
                        "The quarantined event and " + behind(result.applied() - 1)
                                + " behind it were applied. Device " + result.event().deviceId() + " flows again.");
                case "STOPPED_AT_LATER_EVENT" -> new Outcome(false, "A later event failed",
                        "The quarantined event was applied, then a later event of device "
                                + result.event().deviceId() + " failed and is quarantined now.");
                default -> new Outcome(false, "The event failed again",
                        "It stays quarantined with the new error: " + result.event().error().type() + ". Fix the "
                                + "cause, then retry.");
            };
        } catch (Problem refused) {
            outcome = new Outcome(false, "The event was not retried", refused.detail());
        }
        redirect.addFlashAttribute("outcome", outcome);
        redirect.addFlashAttribute("retried", id);
        return "redirect:/admin#quarantine";
    }

    /** Confirmation first: a rebuild replays the whole event store. */
    @GetMapping("/admin/rebuild")
    String confirmRebuild(Model model) {
        addStatus(model);
        return "admin/rebuild";
    }

    @PostMapping("/admin/rebuild")
    String rebuild(Actor actor, RedirectAttributes redirect) {
        try {
            projections.rebuild(actor.id());
            redirect.addFlashAttribute("outcome", new Outcome(true, "Rebuild started",
                    "The read models are being rebuilt from the event store. The live ones keep serving until the "
                            + "rebuilt ones replace them; progress is shown below."));
        } catch (Problem refused) {
            redirect.addFlashAttribute("outcome", new Outcome(false, "The rebuild was not started",
                    refused.detail()));
        }
        return "redirect:/admin";
    }

    private void addStatus(Model model) {
        try {
            List<ProjectionStatus> status = projections.status();
            model.addAttribute("projections", status);
            model.addAttribute("rebuilding", status.stream().anyMatch(s -> !s.live()));
            model.addAttribute("polling", status.stream().anyMatch(s -> !s.live() || !s.runningOnThisNode()));
        } catch (Problem refused) {
            // A node without the projections role: the page still shows the quarantine.
            model.addAttribute("projections", List.of());
            model.addAttribute("rebuilding", false);
            model.addAttribute("polling", false);
            model.addAttribute("statusRefused", refused.detail());
        }
    }

    private static String behind(int events) {
        return events == 1 ? "1 event" : events + " events";
    }
}
