package dev.custody.web.report;

import dev.custody.projections.report.RetentionDashboard;
import dev.custody.projections.report.RetentionDashboard.HeldBin;
import dev.custody.projections.report.RetentionFigure;
import dev.custody.projections.report.RetentionReport;
import dev.custody.projections.report.RetentionReport.Rate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DashboardTablesTest {

    private static final DashboardTables.Links LINKS = (figure, narrowing, force) -> "/d?figure=" + figure
            + (narrowing.month() == null ? "" : "&month=" + narrowing.month())
            + (narrowing.bin() == null ? "" : "&bin=" + narrowing.bin())
            + (narrowing.rule() == null ? "" : "&rule=" + narrowing.rule())
            + (force == null ? "" : "&force=" + force);

    /** Four returned (0.5, 2, 10 days...) and one still held; figures as the report would give them. */
    private static RetentionDashboard dashboard() {
        var report = new RetentionReport(new RetentionReport.Period(LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31")), new RetentionReport.Filters(null, null, null, null),
                Instant.parse("2026-12-01T10:00:00Z"),
                new RetentionReport.TimeHeld(new RetentionReport.Durations(3, 2.0, 8.4, 10.0),
                        new RetentionReport.Durations(1, 29.0, 29.0, 29.0)),
                new Rate(3, 1, 100 / 3.0), new RetentionReport.Replacement(2, 1, 50.0, 30.0),
                new RetentionReport.LabTimes(0, null, 0, null), new Rate(0, 0, null),
                new RetentionReport.Reseizures(0, null), new RetentionReport.LateLogging(16, 41580.0, null),
                new RetentionReport.LongDateRanges(0, List.of()),
                new RetentionReport.Alerts(7, 5, 2, 0.4, List.of(
                        new RetentionReport.AlertCounts("RETURN_24H", 4, 1, 3, 2, 1, 1 / 3.0),
                        new RetentionReport.AlertCounts("LONG_HOLD", 3, 1, 2, 1, 1, 0.5))));
        List<HeldBin> bins = new ArrayList<>(IntStream.rangeClosed(0, 9).mapToObj(HeldBin::empty).toList());
        bins.set(0, new HeldBin(0, null, 1, 1, 0));
        bins.set(2, new HeldBin(2, 2, 7, 1, 0));
        bins.set(3, new HeldBin(3, 7, 14, 1, 0));
        bins.set(4, new HeldBin(4, 14, 30, 0, 1));
        return new RetentionDashboard(report, bins,
                List.of(new RetentionDashboard.MonthFigures(YearMonth.of(2026, 11), 3, 2.0, 8.4, new Rate(3, 1, 100 / 3.0)),
                        new RetentionDashboard.MonthFigures(YearMonth.of(2026, 12), 0, null, null, new Rate(0, 0, null))),
                List.of(new RetentionDashboard.ForceFigures("=dyfed", new Rate(3, 1, 100 / 3.0))),
                new Rate(3, 3, 100.0), new RetentionDashboard.LongHold(1, 1));
    }

    private static List<DashboardTables.Table> tables() {
        return DashboardTables.of(dashboard(), LINKS, code -> code.equals("LONG_HOLD") ? "Held past review point" : code);
    }

    private static DashboardTables.Table table(String id) {
        return tables().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<String> texts(List<DashboardTables.Cell> row) {
        return row.stream().map(DashboardTables.Cell::text).toList();
    }

    @Test
    void binsFollowTheirEdgesAsWidthBucketDoes() {
        assertThat(RetentionDashboard.bin(0)).isZero();
        assertThat(RetentionDashboard.bin(0.999)).isZero();
        assertThat(RetentionDashboard.bin(1)).isEqualTo(1);
        assertThat(RetentionDashboard.bin(6.99)).isEqualTo(2);
        assertThat(RetentionDashboard.bin(365)).isEqualTo(9);
        assertThat(RetentionDashboard.bin(5000)).isEqualTo(9);
        assertThat(IntStream.rangeClosed(0, 9).mapToObj(i -> DashboardTables.binLabel(HeldBin.empty(i))).toList())
                .containsExactly("Under 1 day", "1 to 2 days", "2 to 7 days", "7 to 14 days", "14 to 30 days",
                        "30 to 60 days", "60 to 90 days", "90 to 180 days", "180 to 365 days", "365 days or more");
    }

    @Test
    void theMedianAndP90AreMarkedWhereTheyFallInsideTheirBins() {
        // Category i is centred on i: 1.5 days is half-way through bin 1 (1 to 2 days), 8.4 a fifth into bin 3.
        assertThat(DashboardTables.position(1.5)).isCloseTo(1.0, within(1e-9));
        assertThat(DashboardTables.position(8.4)).isCloseTo(3 - 0.5 + 1.4 / 7, within(1e-9));
        assertThat(DashboardTables.position(0)).isCloseTo(-0.5, within(1e-9));
        assertThat(DashboardTables.position(400)).isEqualTo(9.0);
        DashboardTables.Chart chart = table("time-held").chart();
        assertThat(chart.markers()).extracting(DashboardTables.Marker::label)
                .containsExactly("Median 2.0 days", "90th percentile 8.4 days");
        assertThat(chart.datasets().get(0).data()).containsExactly(1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void ratesAreTheReportsFiguresWithTheDashboardsOwn() {
        DashboardTables.Table rates = table("rates");
        assertThat(rates.rows()).extracting(DashboardTablesTest::texts).containsExactly(
                List.of("Returned within 24 hours (victims and witnesses)", "3", "1", "33.3%"),
                List.of("Replacement phone issued (victims and witnesses held over 24 hours)", "2", "1", "50.0%"),
                List.of("Returned without being examined", "3", "3", "100.0%"),
                // Of every period: 3 returned + 1 still held.
                List.of("Held past the long-hold review point", "4", "1", "25.0%"),
                List.of("Held past the long-hold review point and still held", "4", "1", "25.0%"));
        assertThat(rates.chart().datasets().get(0).data()).containsExactly(33.3, 50.0, 100.0, 25.0, 25.0);
    }

    @Test
    void everyCountLinksToItsDevicesAndNothingLinksToNoDevices() {
        var timeHeld = table("time-held");
        assertThat(timeHeld.rows().get(3).get(1).href()).isEqualTo("/d?figure=RETURNED&bin=3");
        assertThat(timeHeld.rows().get(3).get(2).href()).as("no device still held in the bin").isNull();
        assertThat(table("by-month").rows().get(0).get(1).href()).isEqualTo("/d?figure=RETURNED&month=2026-11");
        assertThat(table("return-24h-by-force").rows().get(0).get(2).href())
                .isEqualTo("/d?figure=RETURNED_IN_24H&force==dyfed");
        assertThat(table("rates").rows().get(3).get(2).href()).isEqualTo("/d?figure=" + RetentionFigure.LONG_HOLD);
        var alerts = table("alerts");
        assertThat(texts(alerts.rows().get(1))).containsExactly("Held past review point", "3", "1", "1", "1");
        assertThat(alerts.rows().get(1).get(2).href()).isEqualTo("/d?figure=ALERT_IN_TIME&rule=LONG_HOLD");
        assertThat(alerts.rows().get(1).get(3).href()).isEqualTo("/d?figure=ALERT_LATE&rule=LONG_HOLD");
    }

    @Test
    void missingFiguresSayNoneAndChartsLeaveAGap() {
        assertThat(texts(table("by-month").rows().get(1))).containsExactly("December 2026", "0", "None", "None");
        assertThat(table("by-month").chart().datasets().get(0).data()).containsExactly(2.0, null);
        assertThat(texts(table("late-logging").rows().get(2))).containsExactly("90th percentile delay (minutes)", "None");
        assertThat(table("late-logging").chart().datasets().get(0).data()).containsExactly(41580.0, null);
    }

    @Test
    void theCsvIsTheTablesCellForCellWithTheFormulaGuard() throws IOException {
        List<DashboardTables.Table> tables = tables();
        String csv = DashboardTables.csv(List.of("Force: every force"), tables);
        List<List<String>> expected = new ArrayList<>();
        expected.add(List.of("Filters", "Force: every force"));
        for (DashboardTables.Table t : tables) {
            List<String> header = new ArrayList<>(List.of(t.caption()));
            header.addAll(t.headers());
            expected.add(header);
            for (List<DashboardTables.Cell> row : t.rows()) {
                List<String> cells = new ArrayList<>(List.of(t.caption()));
                cells.addAll(texts(row));
                expected.add(cells);
            }
        }
        // A force named like a formula is written so that no spreadsheet runs it.
        expected.replaceAll(row -> row.stream().map(c -> c.equals("=dyfed") ? "'=dyfed" : c).toList());
        List<List<String>> parsed = CSVFormat.RFC4180.parse(new StringReader(csv)).stream()
                .map(CSVRecord::toList).toList();
        assertThat(parsed).isEqualTo(expected);
    }
}
