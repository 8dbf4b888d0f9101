package dev.custody.web.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.edge.Bounds;
import dev.custody.edge.Params;
import dev.custody.edge.Problem;
import dev.custody.edge.TimeWindow;
import dev.custody.projections.access.Page;
import dev.custody.projections.report.RetentionDashboard;
import dev.custody.projections.report.RetentionDashboardQuery;
import dev.custody.projections.report.RetentionDevices;
import dev.custody.projections.report.RetentionDevices.Narrowing;
import dev.custody.projections.report.RetentionFigure;
import dev.custody.projections.report.RetentionReport;
import dev.custody.projections.report.RetentionFilter;
import dev.custody.projections.report.RetentionRequest;
import dev.custody.values.Actor;
import dev.custody.values.OwnerRole;
import dev.custody.web.form.Answers;
import dev.custody.web.form.FormErrors;
import dev.custody.web.layout.Formats;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The retention dashboard for inspectors (every force, or the one they pick) and supervisors (their own force): the
 * report's figures as charts, each with its data as a table whose counts lead to the devices behind them, and the
 * same tables as CSV. It calls the report services the REST report calls, with the same bounds and scoping
 * ({@link RetentionRequest}).
 */
@Controller
class RetentionController {

    static final String PATH = "/reports/retention";
    /** Devices listed per page of a drill-down. */
    static final int PAGE_SIZE = 50;

    private static final Map<String, String> LABELS = Map.of("from", "Seized from", "to", "Seized up to",
            "force", "Force", "lab", "Lab", "ownerRole", "Owner");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetentionDashboardQuery dashboards;
    private final RetentionDevices devices;
    private final Clock clock;
    private final TimeWindow window;
    private final Formats fmt;

    RetentionController(RetentionDashboardQuery dashboards, RetentionDevices devices, Clock clock, TimeWindow window,
                        Formats fmt) {
        this.dashboards = dashboards;
        this.devices = devices;
        this.clock = clock;
        this.window = window;
        this.fmt = fmt;
    }

    /** The filters as typed: dates stay text until checked, so a mistyped date is a form error, not a lost page. */
    record Filter(String from, String to, String force, String lab, String ownerRole) {

        Filter {
            from = Answers.text(from);
            to = Answers.text(to);
            force = Answers.text(force);
            lab = Answers.text(lab);
            ownerRole = Answers.text(ownerRole);
        }

    }

    /** The longest force or lab name the report accepts ({@link Params#text}). */
    @ModelAttribute("maxText")
    int maxText() {
        return Bounds.REFERENCE;
    }

    @ModelAttribute("ownerRoles")
    List<String> ownerRoles() {
        return Arrays.stream(OwnerRole.values()).map(Enum::name).toList();
    }

    @GetMapping(PATH)
    String dashboard(Actor actor, Filter filter, Model model) {
        model.addAttribute("filter", filter);
        model.addAttribute("seesEveryForce", actor.seesEveryForce());
        model.addAttribute("ownForce", actor.force() == null ? null : actor.force().value());
        RetentionRequest request;
        try {
            request = request(actor, filter);
        } catch (Problem problem) {
            if (problem.status().is4xxClientError() && !problem.errors().isEmpty()) {
                model.addAttribute("errors", FormErrors.from(problem, LABELS));
                model.addAttribute("pageTitle", "Error: Retention");
                return "report/retention";
            }
            throw problem;
        }
        Instant now = clock.instant();
        RetentionDashboard dashboard = dashboards.run(request.period(), request.filters(), now);
        List<DashboardTables.Table> tables = DashboardTables.of(dashboard, links(request), fmt::words);
        model.addAttribute("errors", FormErrors.none());
        model.addAttribute("pageTitle", "Retention");
        model.addAttribute("request", request);
        model.addAttribute("report", dashboard.report());
        model.addAttribute("tables", tables);
        model.addAttribute("charts", charts(tables));
        model.addAttribute("csv", query(PATH + "/csv", request).toUriString());
        return "report/retention";
    }

    /** Exactly the tables on the page, as CSV. */
    @GetMapping(PATH + "/csv")
    ResponseEntity<String> csv(Actor actor, Filter filter) {
        RetentionRequest request = request(actor, filter);
        RetentionDashboard dashboard = dashboards.run(request.period(), request.filters(), clock.instant());
        String body = DashboardTables.csv(describe(request), DashboardTables.of(dashboard, links(request), fmt::words));
        RetentionReport.Period period = request.period();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"retention-dashboard-"
                        + period.from() + "-" + period.to() + ".csv\"")
                .body(body);
    }

    /** The devices behind one figure: the same cohort, filters and scoping, one page at a time. */
    @GetMapping(PATH + "/devices")
    String devices(Actor actor, Filter filter, String figure, String month, Integer bin, String rule, Integer page,
                   Model model) {
        int p = page == null ? 0 : page;
        Params params = new Params().oneOf("figure", figure, RetentionFigure.values()).text("month", month)
                .text("rule", rule).paging(p, PAGE_SIZE)
                .check(bin == null || (bin >= 0 && bin <= RetentionDashboard.BIN_EDGES_DAYS.size()), "bin",
                        "must be a bin of the time held");
        YearMonth ym = null;
        if (month != null) {
            try {
                ym = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                params.check(false, "month", "must be a month such as 2026-01");
            }
        }
        params.check(figure != null, "figure", "is required");
        params.validate();
        RetentionRequest request = request(actor, filter);
        RetentionFigure f = RetentionFigure.valueOf(figure);
        Narrowing narrowing = new Narrowing(ym, bin, rule);
        Page<RetentionDevices.Row> rows = devices.find(request, f, narrowing, clock.instant(), p, PAGE_SIZE);
        model.addAttribute("figure", describe(f, narrowing));
        model.addAttribute("filters", describe(request));
        model.addAttribute("rows", rows);
        model.addAttribute("back", query(PATH, request).toUriString());
        UriComponentsBuilder here = query(PATH + "/devices", request).queryParam("figure", figure);
        if (month != null) {
            here.queryParam("month", month);
        }
        if (bin != null) {
            here.queryParam("bin", bin);
        }
        if (rule != null) {
            here.queryParam("rule", rule);
        }
        model.addAttribute("previous", p == 0 ? null : here.cloneBuilder().queryParam("page", p - 1).toUriString());
        model.addAttribute("next", (long) (p + 1) * PAGE_SIZE >= rows.totalElements() ? null
                : here.cloneBuilder().queryParam("page", p + 1).toUriString());
        return "report/devices";
    }

    private RetentionRequest request(Actor actor, Filter filter) {
        Params params = new Params().text("from", filter.from()).text("to", filter.to());
        LocalDate from = date(params, "from", filter.from());
        LocalDate to = date(params, "to", filter.to());
        params.validate();
        return RetentionRequest.of(actor, clock.instant(), window, new RetentionFilter(from, to, filter.force(),
                filter.lab(), Answers.choice(OwnerRole.class, filter.ownerRole()), null));
    }

    private static LocalDate date(Params params, String field, String text) {
        if (text == null || text.length() > Bounds.REFERENCE) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            params.check(false, field, "must be a real date, such as 2026-01-31");
            return null;
        }
    }

    private static DashboardTables.Links links(RetentionRequest request) {
        return (figure, narrowing, force) -> {
            UriComponentsBuilder b = query(PATH + "/devices", request, force).queryParam("figure", figure.name());
            if (narrowing.month() != null) {
                b.queryParam("month", narrowing.month().toString());
            }
            if (narrowing.bin() != null) {
                b.queryParam("bin", narrowing.bin());
            }
            if (narrowing.rule() != null) {
                b.queryParam("rule", narrowing.rule());
            }
            return b.encode().toUriString();
        };
    }

    private static UriComponentsBuilder query(String path, RetentionRequest request) {
        return query(path, request, null);
    }

    /** A link keeping the request's period and filters; {@code force}, when given, replaces the force filter. */
    private static UriComponentsBuilder query(String path, RetentionRequest request, String force) {
        RetentionReport.Filters f = request.filters();
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path)
                .queryParam("from", request.period().from()).queryParam("to", request.period().to());
        String theForce = force != null ? force : f.force();
        if (theForce != null) {
            b.queryParam("force", theForce);
        }
        if (f.lab() != null) {
            b.queryParam("lab", f.lab());
        }
        if (f.ownerRole() != null) {
            b.queryParam("ownerRole", f.ownerRole());
        }
        return b;
    }

    /** The period and filters in words, as the page and the CSV state them. */
    private List<String> describe(RetentionRequest request) {
        RetentionReport.Filters f = request.filters();
        List<String> out = new ArrayList<>();
        out.add("Seized from " + fmt.date(request.period().from()) + " to " + fmt.date(request.period().to()));
        out.add("Force: " + (f.force() == null ? "every force" : f.force()));
        out.add("Lab: " + (f.lab() == null ? "every lab" : f.lab()));
        out.add("Owner: " + (f.ownerRole() == null ? "anyone" : fmt.words(f.ownerRole())));
        return out;
    }

    private String describe(RetentionFigure figure, Narrowing narrowing) {
        String what = switch (figure) {
            case ALL -> "Every device seized";
            case RETURNED -> "Devices returned";
            case STILL_HELD -> "Devices still held";
            case VICTIMS -> "Victims' and witnesses' devices";
            case RETURNED_IN_24H -> "Victims' and witnesses' devices returned within 24 hours";
            case HELD_PAST_24H -> "Victims' and witnesses' devices held over 24 hours";
            case REPLACED -> "Victims' and witnesses' devices held over 24 hours with a replacement phone";
            case RETURNED_NOT_EXAMINED -> "Devices returned without being examined";
            case LONG_HOLD -> "Devices held past the long-hold review point";
            case LONG_HOLD_STILL_HELD -> "Devices held past the long-hold review point and still held";
            case ALERT_RAISED -> "Devices with alerts raised";
            case ALERT_OPEN -> "Devices with alerts still open";
            case ALERT_IN_TIME -> "Devices with alerts resolved in time";
            case ALERT_LATE -> "Devices with alerts resolved late";
        };
        if (narrowing.rule() != null) {
            what += ": " + fmt.words(narrowing.rule());
        }
        if (narrowing.month() != null) {
            what += ", seized in " + DashboardTables.monthLabel(narrowing.month());
        }
        if (narrowing.bin() != null) {
            what += ", time held " + DashboardTables.binLabel(RetentionDashboard.HeldBin.empty(narrowing.bin()))
                    .toLowerCase(java.util.Locale.UK);
        }
        return what;
    }

    /** Each chart's data for the page's script, as JSON in a data attribute: the CSP allows no inline script. */
    private static Map<String, String> charts(List<DashboardTables.Table> tables) {
        Map<String, String> charts = new LinkedHashMap<>();
        for (DashboardTables.Table t : tables) {
            if (t.chart() != null) {
                try {
                    charts.put(t.id(), JSON.writeValueAsString(t.chart()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return charts;
    }
}
