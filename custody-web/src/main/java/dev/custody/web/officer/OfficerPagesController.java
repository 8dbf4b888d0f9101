package dev.custody.web.officer;

import dev.custody.edge.Problem;
import dev.custody.projections.access.Page;
import dev.custody.projections.status.DeviceSearch;
import dev.custody.projections.status.DeviceSearch.DeviceSummary;
import dev.custody.projections.status.DeviceSearch.Filters;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.OwnerRole;
import dev.custody.web.form.Answers;
import dev.custody.web.form.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The officer's lists, from the same read service as the REST API's search and case endpoints ({@link DeviceSearch}):
 * their own devices (their start page), a case's devices, and a search with filters.
 */
@Controller
class OfficerPagesController {

    static final int PAGE_SIZE = 25;

    /** A link of the pagination: a page number, or null for the gap ("…"). */
    record PageLink(Integer number, String href, boolean current) {
    }

    private final DeviceSearch search;
    private final Clock clock;

    OfficerPagesController(DeviceSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    /** My devices: those whose current seizure I recorded, newest first; held ones unless I ask for all. */
    @GetMapping("/officer")
    String mine(Actor actor, @RequestParam(defaultValue = "false") boolean all,
                @RequestParam(defaultValue = "0") int page, Model model) {
        Page<DeviceSummary> devices = search.search(actor,
                new Filters(null, null, null, null, null, all ? null : Boolean.TRUE, false, null, actor.id()),
                Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("all", all);
        addPage(model, devices, "/officer", all ? Map.of("all", "true") : Map.of());
        model.addAttribute("pageTitle", "My devices");
        return "officer/home";
    }

    /**
     * A case's devices. The reference is a query parameter, not a path segment: case references hold slashes
     * ({@code DP/2026/0415}), and an encoded slash in a path is refused before any page runs.
     */
    @GetMapping("/officer/cases")
    String byCase(Actor actor, @RequestParam(required = false) String caseReference, Model model) {
        if (caseReference == null || caseReference.isBlank()) {
            return "redirect:/officer/search";
        }
        String reference = caseReference.strip();
        model.addAttribute("caseReference", reference);
        model.addAttribute("devices", search.byCase(actor, reference).devices());
        model.addAttribute("now", clock.instant());
        model.addAttribute("pageTitle", "Case " + reference);
        return "officer/case";
    }

    /** Search with filters: stage, owner, overdue, lab and case reference; paged. */
    @GetMapping("/officer/search")
    String search(Actor actor, @RequestParam(required = false) String stage,
                  @RequestParam(required = false) String ownerRole, @RequestParam(required = false) String lab,
                  @RequestParam(required = false) String caseReference,
                  @RequestParam(defaultValue = "false") boolean overdue,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        Filters filters = new Filters(null, Answers.text(lab), Answers.choice(CustodyStage.class, stage),
                Answers.choice(OwnerRole.class, ownerRole),
                Answers.text(caseReference), null, overdue, null, null);
        model.addAttribute("filters", filters);
        model.addAttribute("stages", CustodyStage.values());
        model.addAttribute("ownerRoles", OwnerRole.values());
        Map<String, String> query = new java.util.LinkedHashMap<>();
        putIf(query, "stage", filters.stage() == null ? null : filters.stage().name());
        putIf(query, "ownerRole", filters.ownerRole() == null ? null : filters.ownerRole().name());
        putIf(query, "lab", filters.lab());
        putIf(query, "caseReference", filters.caseReference());
        if (overdue) {
            query.put("overdue", "true");
        }
        try {
            addPage(model, search.search(actor, filters, Math.max(page, 0), PAGE_SIZE), "/officer/search", query);
            model.addAttribute("errors", FormErrors.none());
        } catch (Problem refused) {
            if (refused.status().is5xxServerError() || refused.status().value() == 403) {
                throw refused;
            }
            model.addAttribute("errors", FormErrors.from(refused, Map.of("lab", "Lab", "caseReference", "Case reference")));
            model.addAttribute("devices", null);
        }
        model.addAttribute("pageTitle", "Search devices");
        return "officer/search";
    }

    private void addPage(Model model, Page<DeviceSummary> devices, String path, Map<String, String> query) {
        model.addAttribute("devices", devices.content());
        model.addAttribute("total", devices.totalElements());
        model.addAttribute("now", clock.instant());
        int pages = (int) Math.max(1, (devices.totalElements() + devices.size() - 1) / devices.size());
        int current = devices.page();
        List<PageLink> links = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            if (p == 0 || p == pages - 1 || Math.abs(p - current) <= 1) {
                links.add(new PageLink(p + 1, href(path, query, p), p == current));
            } else if (links.isEmpty() || links.get(links.size() - 1).number() != null) {
                links.add(new PageLink(null, null, false));
            }
        }
        model.addAttribute("pages", pages > 1 ? links : List.of());
        model.addAttribute("previous", current > 0 ? href(path, query, current - 1) : null);
        model.addAttribute("next", current < pages - 1 ? href(path, query, current + 1) : null);
    }

    private static String href(String path, Map<String, String> query, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        query.forEach(b::queryParam);
        if (page > 0) {
            b.queryParam("page", page);
        }
        return b.encode().toUriString();
    }

    private static void putIf(Map<String, String> query, String key, String value) {
        if (value != null) {
            query.put(key, value);
        }
    }

}
