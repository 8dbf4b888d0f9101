package dev.custody.projections.report;

/**
 * The retention report as a flat table a spreadsheet opens: one figure per row, as
 * {@code section,measure,group,value}, with the period and filters first.
 */
final class RetentionReportCsv {

    private RetentionReportCsv() {
    }

    static String write(RetentionReport r) {
        Csv csv = new Csv().row("section", "measure", "group", "value");
        csv.row("period", "from", "", r.period().from());
        csv.row("period", "to", "", r.period().to());
        csv.row("filters", "force", "", r.filters().force());
        csv.row("filters", "lab", "", r.filters().lab());
        csv.row("filters", "owner_role", "", r.filters().ownerRole());
        csv.row("filters", "device_type", "", r.filters().deviceType());
        csv.row("report", "generated_at", "", r.generatedAt());
        durations(csv, "time_held_returned", r.timeHeld().returned());
        durations(csv, "time_held_still_held", r.timeHeld().stillHeld());
        rate(csv, "return_within_24h", r.returnWithin24h());
        csv.row("replacement", "held_past_24h", "", r.replacement().heldPast24h());
        csv.row("replacement", "with_replacement", "", r.replacement().withReplacement());
        csv.row("replacement", "percent", "", r.replacement().percent());
        csv.row("replacement", "median_hours_to_replacement", "", r.replacement().medianHoursToReplacement());
        csv.row("lab_times", "downloads", "", r.labTimes().downloads());
        csv.row("lab_times", "median_days_seizure_to_download", "", r.labTimes().medianDaysSeizureToDownload());
        csv.row("lab_times", "examinations_started", "", r.labTimes().examinationsStarted());
        csv.row("lab_times", "median_days_download_to_examination", "", r.labTimes().medianDaysDownloadToExamination());
        rate(csv, "unused_devices", r.unusedDevices());
        csv.row("reseizures", "count", "", r.reseizures().count());
        csv.row("reseizures", "median_days_after_return", "", r.reseizures().medianDaysAfterReturn());
        csv.row("late_logging", "events", "", r.lateLogging().events());
        csv.row("late_logging", "median_minutes", "", r.lateLogging().medianMinutes());
        csv.row("late_logging", "p90_minutes", "", r.lateLogging().p90Minutes());
        csv.row("long_date_ranges", "count", "", r.longDateRanges().count());
        for (RetentionReport.LongDateRange l : r.longDateRanges().seizures()) {
            csv.row("long_date_ranges", "justification", l.deviceId() + "#" + l.seizureNumber(),
                    l.scopeFrom() + ".." + l.scopeTo() + ": " + l.justification());
        }
        csv.row("alerts", "raised", "", r.alerts().raised());
        csv.row("alerts", "resolved", "", r.alerts().resolved());
        csv.row("alerts", "resolved_late", "", r.alerts().resolvedLate());
        csv.row("alerts", "late_share", "", r.alerts().lateShare());
        for (RetentionReport.AlertCounts a : r.alerts().byRule()) {
            csv.row("alerts", "raised", a.rule(), a.raised());
            csv.row("alerts", "open", a.rule(), a.open());
            csv.row("alerts", "resolved", a.rule(), a.resolved());
            csv.row("alerts", "resolved_in_time", a.rule(), a.resolvedInTime());
            csv.row("alerts", "resolved_late", a.rule(), a.resolvedLate());
            csv.row("alerts", "late_share", a.rule(), a.lateShare());
        }
        return csv.toString();
    }

    private static void durations(Csv csv, String section, RetentionReport.Durations d) {
        csv.row(section, "count", "", d.count());
        csv.row(section, "median_days", "", d.medianDays());
        csv.row(section, "p90_days", "", d.p90Days());
        csv.row(section, "max_days", "", d.maxDays());
    }

    private static void rate(Csv csv, String section, RetentionReport.Rate r) {
        csv.row(section, "of", "", r.of());
        csv.row(section, "count", "", r.part());
        csv.row(section, "percent", "", r.percent());
    }
}
