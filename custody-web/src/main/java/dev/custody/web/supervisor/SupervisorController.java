package dev.custody.web.supervisor;

import dev.custody.edge.Problem;
import dev.custody.projections.access.Page;
import dev.custody.projections.alert.AlertLogEntry;
import dev.custody.projections.alert.AlertService;
import dev.custody.projections.alert.AlertService.AcknowledgeRequest;
import dev.custody.projections.alert.AlertService.AlertDetail;
import dev.custody.projections.alert.AlertView;
import dev.custody.values.Actor;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.device.Timeline;
import dev.custody.web.form.Answers;
import dev.custody.web.form.FormErrors;
import dev.custody.web.layout.PageNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The supervisor's pages: the force's alerts, most urgent first, each with its device, why it fired, when it was
 * due and how late; one alert with the device's history and the form to acknowledge it; and the alert log. Every
 * read and the acknowledgement go through {@link AlertService}, as the REST API's do, so the scoping and the
 * refusals are the API's: another force's alert is "Page not found".
 */
@Controller
class SupervisorController {

    static final int PAGE_SIZE = 25;
    static final int LOG_PAGE_SIZE = 50;
    private static final Map<String, String> LABELS = Map.of("note", "Note");
    private static final Map<String, String> MISSING = Map.of("note",
            "Enter a note saying what you did or decided about this alert");

    private final AlertService alerts;
    private final SupervisorAlerts words;
    private final DeviceRecords records;
    private final Timeline timeline;
    private final SupervisorActions actions;

    SupervisorController(AlertService alerts, SupervisorAlerts words, DeviceRecords records, Timeline timeline,
                         SupervisorActions actions) {
        this.alerts = alerts;
        this.words = words;
        this.records = records;
        this.timeline = timeline;
        this.actions = actions;
    }

    @GetMapping("/supervisor")
    String alerts(Actor actor, AlertFilters filters, Model model) {
        Page<AlertView> page = alerts.search(actor, filters.query(), filters.page(), PAGE_SIZE);
        model.addAttribute("filters", filters);
        model.addAttribute("rows", words.rows(page.content()));
        model.addAttribute("paging", Paging.of(filters.page(), PAGE_SIZE, page.totalElements(), filters::path));
        model.addAttribute("rules", Arrays.asList(AlertRule.values()));
        model.addAttribute("severities", Arrays.asList(AlertSeverity.values()));
        model.addAttribute("states", AlertService.STATES);
        model.addAttribute("here", filters.path(filters.page()));
        return "supervisor/alerts";
    }

    @GetMapping("/supervisor/alerts/{id}")
    String alert(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String back, Model model) {
        return show(actor, alerts.detail(actor, id), null, FormErrors.none(), back(back), model);
    }

    @PostMapping("/supervisor/alerts/{id}/acknowledgement")
    String acknowledge(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String note,
                       @RequestParam(required = false) String back, Model model, RedirectAttributes redirect) {
        String list = back(back);
        AlertDetail done;
        try {
            done = alerts.acknowledge(actor, id, new AcknowledgeRequest(Answers.text(note)));
        } catch (Problem refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw new PageNotFound(refused.detail());
            }
            if (refused.status() == HttpStatus.CONFLICT) {
                redirect.addFlashAttribute("notice", "Someone else acknowledged this alert, or the step it waited "
                        + "for was recorded, before you sent your note. Nothing was changed.");
                return "redirect:" + UriComponentsBuilder.fromPath("/supervisor/alerts/{id}").queryParam("back", list)
                        .buildAndExpand(id).encode().toUriString();
            }
            return show(actor, alerts.detail(actor, id), note, FormErrors.from(refused, LABELS, MISSING), list, model);
        }
        AlertRow row = words.rows(List.of(done.alert())).get(0);
        redirect.addFlashAttribute("done", "Alert acknowledged: " + row.label().toLowerCase(Locale.UK)
                + ", " + row.device());
        return "redirect:" + list;
    }

    @GetMapping("/supervisor/log")
    String log(Actor actor, LogFilters filters, Model model) {
        Page<AlertLogEntry> page = alerts.log(actor, filters.query(), filters.page(), LOG_PAGE_SIZE);
        model.addAttribute("filters", filters);
        model.addAttribute("entries", words.logRows(actor, page.content()));
        model.addAttribute("paging", Paging.of(filters.page(), LOG_PAGE_SIZE, page.totalElements(), filters::path));
        model.addAttribute("changes", AlertService.CHANGES);
        model.addAttribute("here", filters.path(filters.page()));
        return "supervisor/log";
    }

    private String show(Actor actor, AlertDetail detail, String note, FormErrors errors, String back, Model model) {
        DeviceRecord device = records.load(actor, detail.alert().deviceId());
        AlertRow row = words.row(detail.alert(), device.view());
        model.addAttribute("row", row);
        model.addAttribute("log", detail.log());
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("timeline", timeline.of(device.history()));
        model.addAttribute("extend", actions.available(actor, device));
        model.addAttribute("note", note);
        model.addAttribute("errors", errors);
        model.addAttribute("back", back);
        model.addAttribute("pageTitle", (errors.any() ? "Error: " : "") + row.label() + ": " + row.device());
        return "supervisor/alert";
    }

    /** Where to go back to: a list of the supervisor's pages, never another site. */
    static String back(String back) {
        return back != null && back.startsWith("/supervisor") && !back.startsWith("//") ? back : "/supervisor";
    }
}
