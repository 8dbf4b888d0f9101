package dev.custody.web.report;

import dev.custody.projections.report.Csv;
import dev.custody.projections.report.RetentionDashboard;
import dev.custody.projections.report.RetentionDashboard.HeldBin;
import dev.custody.projections.report.RetentionDashboard.MonthFigures;
import dev.custody.projections.report.RetentionDevices.Narrowing;
import dev.custody.projections.report.RetentionFigure;
import dev.custody.projections.report.RetentionReport;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The retention dashboard's figures as the tables the page shows. Each table is the data of one chart (drawn from
 * the same numbers), each count links to the devices behind it, and the CSV download is these tables, cell for
 * cell: the page and the CSV cannot disagree.
 */
final class DashboardTables {

    /** A cell's text as shown, and where it leads (null when it is not a figure with devices behind it). */
    record Cell(String text, String href) {
        static Cell text(String text) {
            return new Cell(text, null);
        }
    }

    /** A table with the chart drawn from it (null when it has none). */
    record Table(String id, String caption, List<String> headers, List<List<Cell>> rows, Chart chart) {
    }

    /**
     * What the page's script gives Chart.js. {@code markers} are vertical lines at a position on a category axis
     * (category i is centred on i), such as the median inside its histogram bin.
     */
    record Chart(String type, String axis, List<String> labels, List<Dataset> datasets, List<Marker> markers,
                 boolean percent) {
    }

    record Dataset(String label, List<Double> data) {
    }

    record Marker(String label, double position) {
    }

    /** Builds the link to the devices behind a figure, keeping the dashboard's filters; {@code force} overrides. */
    interface Links {
        String devices(RetentionFigure figure, Narrowing narrowing, String force);

        default String devices(RetentionFigure figure) {
            return devices(figure, Narrowing.NONE, null);
        }
    }

    static final String NO_DATA = "None";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    private DashboardTables() {
    }

    /**
     * @param words a contract code in words (alert rules), as the pages write them
     */
    static List<Table> of(RetentionDashboard d, Links links, Function<String, String> words) {
        RetentionReport r = d.report();
        List<Table> tables = new ArrayList<>();
        tables.add(timeHeld(d, links));
        tables.add(timeHeldSummary(r, links));
        tables.add(byMonth(d, links));
        tables.add(returnByMonth(d, links));
        tables.add(returnByForce(d, links));
        tables.add(rates(d, links));
        tables.add(lateLogging(r));
        tables.add(alerts(r, links, words));
        return tables;
    }

    private static Table timeHeld(RetentionDashboard d, Links links) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> returned = new ArrayList<>();
        List<Double> held = new ArrayList<>();
        for (HeldBin bin : d.timeHeld()) {
            String label = binLabel(bin);
            labels.add(label);
            returned.add((double) bin.returned());
            held.add((double) bin.stillHeld());
            Narrowing narrowing = new Narrowing(null, bin.bin(), null);
            rows.add(List.of(Cell.text(label),
                    count(bin.returned(), links.devices(RetentionFigure.RETURNED, narrowing, null)),
                    count(bin.stillHeld(), links.devices(RetentionFigure.STILL_HELD, narrowing, null))));
        }
        RetentionReport.Durations ret = d.report().timeHeld().returned();
        List<Marker> markers = new ArrayList<>();
        if (ret.medianDays() != null) {
            markers.add(new Marker("Median " + days(ret.medianDays()) + " days", position(ret.medianDays())));
            markers.add(new Marker("90th percentile " + days(ret.p90Days()) + " days", position(ret.p90Days())));
        }
        return new Table("time-held", "Time held: devices returned, and devices still held by their time so far",
                List.of("Time held", "Returned", "Still held"), rows,
                new Chart("bar", "x", labels, List.of(new Dataset("Returned", returned),
                        new Dataset("Still held", held)), markers, false));
    }

    private static Table timeHeldSummary(RetentionReport r, Links links) {
        List<List<Cell>> rows = List.of(
                durations("Returned", r.timeHeld().returned(), links.devices(RetentionFigure.RETURNED)),
                durations("Still held (time so far)", r.timeHeld().stillHeld(),
                        links.devices(RetentionFigure.STILL_HELD)));
        return new Table("time-held-summary", "Time held in days: median and 90th percentile",
                List.of("Devices", "Number", "Median (days)", "90th percentile (days)", "Longest (days)"), rows, null);
    }

    private static List<Cell> durations(String label, RetentionReport.Durations d, String href) {
        return List.of(Cell.text(label), count(d.count(), href), Cell.text(days(d.medianDays())),
                Cell.text(days(d.p90Days())), Cell.text(days(d.maxDays())));
    }

    private static Table byMonth(RetentionDashboard d, Links links) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> p90 = new ArrayList<>();
        for (MonthFigures m : d.months()) {
            String label = MONTH.format(m.month());
            labels.add(label);
            median.add(round(m.medianDays()));
            p90.add(round(m.p90Days()));
            rows.add(List.of(Cell.text(label),
                    count(m.returned(), links.devices(RetentionFigure.RETURNED, month(m.month()), null)),
                    Cell.text(days(m.medianDays())), Cell.text(days(m.p90Days()))));
        }
        return new Table("by-month", "Time held of devices returned, by month of seizure",
                List.of("Month seized", "Returned", "Median (days)", "90th percentile (days)"), rows,
                new Chart("line", "x", labels, List.of(new Dataset("Median (days)", median),
                        new Dataset("90th percentile (days)", p90)), List.of(), false));
    }

    private static Table returnByMonth(RetentionDashboard d, Links links) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        for (MonthFigures m : d.months()) {
            String label = MONTH.format(m.month());
            labels.add(label);
            rate.add(round(m.returnWithin24h().percent()));
            rows.add(rateRow(label, m.returnWithin24h(), links, RetentionFigure.VICTIMS,
                    RetentionFigure.RETURNED_IN_24H, month(m.month()), null));
        }
        return new Table("return-24h-by-month",
                "Victims' and witnesses' devices returned within 24 hours, by month of seizure",
                List.of("Month seized", "Victims' and witnesses' devices", "Returned within 24 hours", "Rate"), rows,
                new Chart("line", "x", labels, List.of(new Dataset("Returned within 24 hours (%)", rate)), List.of(),
                        true));
    }

    private static Table returnByForce(RetentionDashboard d, Links links) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        for (RetentionDashboard.ForceFigures f : d.forces()) {
            labels.add(f.force());
            rate.add(round(f.returnWithin24h().percent()));
            rows.add(rateRow(f.force(), f.returnWithin24h(), links, RetentionFigure.VICTIMS,
                    RetentionFigure.RETURNED_IN_24H, Narrowing.NONE, f.force()));
        }
        return new Table("return-24h-by-force", "Victims' and witnesses' devices returned within 24 hours, by force",
                List.of("Force", "Victims' and witnesses' devices", "Returned within 24 hours", "Rate"), rows,
                new Chart("bar", "y", labels, List.of(new Dataset("Returned within 24 hours (%)", rate)), List.of(),
                        true));
    }

    private static Table rates(RetentionDashboard d, Links links) {
        RetentionReport r = d.report();
        long all = r.timeHeld().returned().count() + r.timeHeld().stillHeld().count();
        RetentionReport.Rate replacement = new RetentionReport.Rate(r.replacement().heldPast24h(),
                r.replacement().withReplacement(), r.replacement().percent());
        RetentionReport.Rate longHold = rate(all, d.longHold().periods());
        RetentionReport.Rate longHoldHeld = rate(all, d.longHold().stillHeld());
        List<List<Cell>> rows = List.of(
                rateRow("Returned within 24 hours (victims and witnesses)", r.returnWithin24h(), links,
                        RetentionFigure.VICTIMS, RetentionFigure.RETURNED_IN_24H, Narrowing.NONE, null),
                rateRow("Replacement phone issued (victims and witnesses held over 24 hours)", replacement, links,
                        RetentionFigure.HELD_PAST_24H, RetentionFigure.REPLACED, Narrowing.NONE, null),
                rateRow("Returned without being examined", d.neverExamined(), links, RetentionFigure.RETURNED,
                        RetentionFigure.RETURNED_NOT_EXAMINED, Narrowing.NONE, null),
                rateRow("Held past the long-hold review point", longHold, links, RetentionFigure.ALL,
                        RetentionFigure.LONG_HOLD, Narrowing.NONE, null),
                rateRow("Held past the long-hold review point and still held", longHoldHeld, links,
                        RetentionFigure.ALL, RetentionFigure.LONG_HOLD_STILL_HELD, Narrowing.NONE, null));
        List<String> labels = List.of("Returned within 24 hours", "Replacement issued", "Never examined",
                "Past long-hold review", "Past review, still held");
        List<Double> values = rows.stream().map(row -> parsePercent(row.get(3).text())).toList();
        return new Table("rates", "Rates", List.of("Figure", "Of", "Devices", "Rate"), rows,
                new Chart("bar", "y", labels, List.of(new Dataset("Rate (%)", values)), List.of(), true));
    }

    private static Table lateLogging(RetentionReport r) {
        RetentionReport.LateLogging l = r.lateLogging();
        List<List<Cell>> rows = List.of(
                List.of(Cell.text("Steps logged"), Cell.text(Long.toString(l.events()))),
                List.of(Cell.text("Median delay (minutes)"), Cell.text(minutes(l.medianMinutes()))),
                List.of(Cell.text("90th percentile delay (minutes)"), Cell.text(minutes(l.p90Minutes()))));
        return new Table("late-logging", "Late logging: time from a step happening to its being recorded",
                List.of("Measure", "Value"), rows,
                new Chart("bar", "y", List.of("Median", "90th percentile"), List.of(new Dataset("Delay (minutes)",
                        Arrays.asList(round(l.medianMinutes()), round(l.p90Minutes())))), List.of(), false));
    }

    private static Table alerts(RetentionReport r, Links links, Function<String, String> words) {
        List<List<Cell>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> raised = new ArrayList<>();
        List<Double> inTime = new ArrayList<>();
        List<Double> late = new ArrayList<>();
        for (RetentionReport.AlertCounts a : r.alerts().byRule()) {
            String label = words.apply(a.rule());
            labels.add(label);
            raised.add((double) a.raised());
            inTime.add((double) a.resolvedInTime());
            late.add((double) a.resolvedLate());
            Narrowing rule = new Narrowing(null, null, a.rule());
            rows.add(List.of(Cell.text(label),
                    count(a.raised(), links.devices(RetentionFigure.ALERT_RAISED, rule, null)),
                    count(a.resolvedInTime(), links.devices(RetentionFigure.ALERT_IN_TIME, rule, null)),
                    count(a.resolvedLate(), links.devices(RetentionFigure.ALERT_LATE, rule, null)),
                    count(a.open(), links.devices(RetentionFigure.ALERT_OPEN, rule, null))));
        }
        return new Table("alerts", "Alerts raised in the period, by rule",
                List.of("Rule", "Raised", "Resolved in time", "Resolved late", "Still open"), rows,
                new Chart("bar", "y", labels, List.of(new Dataset("Raised", raised),
                        new Dataset("Resolved in time", inTime), new Dataset("Resolved late", late)), List.of(), false));
    }

    private static List<Cell> rateRow(String label, RetentionReport.Rate rate, Links links, RetentionFigure of,
                                      RetentionFigure part, Narrowing narrowing, String force) {
        return List.of(Cell.text(label), count(rate.of(), links.devices(of, narrowing, force)),
                count(rate.part(), links.devices(part, narrowing, force)), Cell.text(percent(rate.percent())));
    }

    /** A count links to its devices only when there are some. */
    private static Cell count(long n, String href) {
        return new Cell(Long.toString(n), n == 0 ? null : href);
    }

    private static Narrowing month(YearMonth month) {
        return new Narrowing(month, null, null);
    }

    private static RetentionReport.Rate rate(long of, long part) {
        return new RetentionReport.Rate(of, part, of == 0 ? null : 100.0 * part / of);
    }

    static String monthLabel(YearMonth month) {
        return MONTH.format(month);
    }

    static String binLabel(HeldBin bin) {
        if (bin.fromDays() == null) {
            return "Under " + plural(bin.toDays());
        }
        if (bin.toDays() == null) {
            return plural(bin.fromDays()) + " or more";
        }
        return bin.fromDays() + " to " + plural(bin.toDays());
    }

    private static String plural(int days) {
        return days + (days == 1 ? " day" : " days");
    }

    /**
     * Where a duration falls on the histogram's category axis: inside its bin, in proportion to where it lies between
     * the bin's edges (the middle of the last, open bin).
     */
    static double position(double days) {
        int bin = RetentionDashboard.bin(days);
        List<Integer> edges = RetentionDashboard.BIN_EDGES_DAYS;
        if (bin == edges.size()) {
            return bin;
        }
        double from = bin == 0 ? 0 : edges.get(bin - 1);
        double to = edges.get(bin);
        return bin - 0.5 + (days - from) / (to - from);
    }

    static String days(Double days) {
        return days == null ? NO_DATA : String.format(Locale.UK, "%.1f", days);
    }

    static String minutes(Double minutes) {
        return minutes == null ? NO_DATA : String.format(Locale.UK, "%.0f", minutes);
    }

    static String percent(Double percent) {
        return percent == null ? NO_DATA : String.format(Locale.UK, "%.1f%%", percent);
    }

    private static Double parsePercent(String text) {
        return text.equals(NO_DATA) ? null : Double.parseDouble(text.substring(0, text.length() - 1));
    }

    /** A chart's value as the table shows it, so the picture and the table agree. */
    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    /**
     * The tables as CSV, cell for cell as on the page: each row starts with its table's caption, and each table with
     * its header row. Commons CSV with the report's formula guard ({@link Csv}).
     */
    static String csv(List<String> filters, List<Table> tables) {
        Csv csv = new Csv();
        for (String filter : filters) {
            csv.row("Filters", filter);
        }
        for (Table table : tables) {
            List<Object> header = new ArrayList<>();
            header.add(table.caption());
            header.addAll(table.headers());
            csv.row(header);
            for (List<Cell> row : table.rows()) {
                List<Object> cells = new ArrayList<>();
                cells.add(table.caption());
                row.forEach(c -> cells.add(c.text()));
                csv.row(cells);
            }
        }
        return csv.toString();
    }
}
