package dev.custody.projections.report;

import dev.custody.edge.Params;
import dev.custody.edge.TimeWindow;
import dev.custody.values.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** Retention reports for inspectors and data protection officers, as JSON or as CSV for a spreadsheet. */
@RestController
@Tag(name = "Inspector reports")
class ReportController {

    static final String CSV = "text/csv";

    private final RetentionReportQuery query;
    private final CustodyPeriodExport export;
    private final Clock clock;
    private final TimeWindow window;

    ReportController(RetentionReportQuery query, CustodyPeriodExport export, Clock clock, TimeWindow window) {
        this.query = query;
        this.export = export;
        this.clock = clock;
        this.window = window;
    }

    @GetMapping(value = "/api/v1/reports/retention", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('INSPECTOR','SUPERVISOR')")
    @Operation(summary = "Retention report for seizures in a period",
            description = "Send Accept: text/csv for CSV. Definitions in docs/reports.md. Supervisors see their own force.")
    RetentionReport retention(@Parameter(hidden = true) Actor actor, @Valid @ParameterObject RetentionFilter filter,
                              BindingResult bound) {
        return report(actor, filter, bound);
    }

    @GetMapping(value = "/api/v1/reports/retention", produces = CSV)
    @PreAuthorize("hasAnyRole('INSPECTOR','SUPERVISOR')")
    ResponseEntity<String> retentionCsv(@Parameter(hidden = true) Actor actor,
                                        @Valid @ParameterObject RetentionFilter filter, BindingResult bound) {
        RetentionReport report = report(actor, filter, bound);
        return csv(RetentionReportCsv.write(report), "retention-" + report.period().from() + "-" + report.period().to());
    }

    @GetMapping(value = "/api/v1/reports/retention/custody-periods", produces = CSV)
    @PreAuthorize("hasAnyRole('INSPECTOR','SUPERVISOR')")
    @Operation(summary = "Every custody period behind the report, one row each, as CSV",
            description = "So an inspector can check any figure in a spreadsheet.")
    ResponseEntity<String> periods(@Parameter(hidden = true) Actor actor, @Valid @ParameterObject RetentionFilter filter,
                                   BindingResult bound) {
        RetentionRequest request = RetentionRequest.of(actor, clock.instant(), window, filter, Params.of(bound));
        RetentionReport.Period period = request.period();
        return csv(export.write(period, request.filters(), clock.instant()),
                "custody-periods-" + period.from() + "-" + period.to());
    }

    private RetentionReport report(Actor actor, RetentionFilter filter, BindingResult bound) {
        Instant now = clock.instant();
        RetentionRequest request = RetentionRequest.of(actor, now, window, filter, Params.of(bound));
        return query.run(request.period(), request.filters(), now);
    }

    private static ResponseEntity<String> csv(String body, String name) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .body(body);
    }
}
