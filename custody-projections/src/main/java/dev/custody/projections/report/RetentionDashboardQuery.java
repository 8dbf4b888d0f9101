package dev.custody.projections.report;

import dev.custody.projections.report.RetentionDashboard.ForceFigures;
import dev.custody.projections.report.RetentionDashboard.HeldBin;
import dev.custody.projections.report.RetentionDashboard.LongHold;
import dev.custody.projections.report.RetentionDashboard.MonthFigures;
import dev.custody.projections.report.RetentionReport.Rate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.custody.projections.report.RetentionReportQuery.scale;

/**
 * The retention dashboard: the report ({@link RetentionReportQuery}, the service behind the REST report) and the
 * breakdowns the dashboard draws: counts by force, month and time-held bin in one pass over the cohort's custody
 * periods, the time held's percentiles by month, and the count of periods held past the long-hold review point.
 */
@Component
public class RetentionDashboardQuery {

    private static final double DAY = 86_400.0;

    /** The bins as {@code width_bucket} thresholds, in days. */
    static final String EDGES = "array" + RetentionDashboard.BIN_EDGES_DAYS + "::float8[]";

    private final RetentionReportQuery reports;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    RetentionDashboardQuery(RetentionReportQuery reports, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setReadOnly(true);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public RetentionDashboard run(RetentionReport.Period period, RetentionReport.Filters filters, Instant now) {
        RetentionReport report = reports.run(period, filters, now);
        return tx.execute(s -> {
            jdbc.execute("set local jit = off");
            return breakdowns(report, period, filters, now);
        });
    }

    private RetentionDashboard breakdowns(RetentionReport report, RetentionReport.Period period,
                                          RetentionReport.Filters filters, Instant now) {
        double nowEpoch = now.getEpochSecond() + now.getNano() / 1e9;
        List<Object> args = new ArrayList<>();
        args.add(nowEpoch);
        args.add(Timestamp.from(period.start()));
        args.add(Timestamp.from(period.end()));
        String where = "seized_at >= ? and seized_at < ?" + RetentionReportQuery.filters(filters, args, "");

        // One hash aggregate by force, month and bin (a few hundred groups, no sort), summed here into the bins, the
        // forces and the whole cohort; grouping sets would sort the cohort once per set. Only the months need
        // percentiles, in a second query.
        long[][] bins = new long[RetentionDashboard.BIN_EDGES_DAYS.size() + 1][2];
        Map<String, long[]> forces = new TreeMap<>();
        Map<YearMonth, long[]> months = new TreeMap<>();
        long[] whole = new long[4];
        jdbc.query("""
                select force, to_char(seized_at at time zone 'UTC', 'YYYY-MM') as month,
                       width_bucket(coalesce(returned_seconds, ? - seized_epoch) / 86400.0, %s) as bin,
                       count(returned_seconds) as returned,
                       count(*) filter (where returned_at is null) as still_held,
                       count(*) filter (where owner_role in ('VICTIM', 'WITNESS')) as victims,
                       count(*) filter (where owner_role in ('VICTIM', 'WITNESS') and returned_seconds <= 86400)
                           as within_24h,
                       count(*) filter (where returned_seconds is not null and examination_started_at is null)
                           as unexamined
                from custody_period where %s group by force, month, bin""".formatted(EDGES, where), rs -> {
            long returned = rs.getLong("returned");
            long held = rs.getLong("still_held");
            long victims = rs.getLong("victims");
            long within24h = rs.getLong("within_24h");
            long unexamined = rs.getLong("unexamined");
            long[] bin = bins[rs.getInt("bin")];
            bin[0] += returned;
            bin[1] += held;
            add(forces.computeIfAbsent(rs.getString("force"), k -> new long[3]), returned, victims, within24h);
            add(months.computeIfAbsent(YearMonth.parse(rs.getString("month")), k -> new long[3]), returned,
                    victims, within24h);
            add(whole, returned, victims, within24h, unexamined);
        }, args.toArray());

        List<Object> monthArgs = new ArrayList<>(args.subList(1, args.size()));
        Map<YearMonth, Double[]> quantiles = new HashMap<>();
        jdbc.query("""
                select to_char(seized_at at time zone 'UTC', 'YYYY-MM') as month,
                       percentile_cont(array[0.5, 0.9]) within group (order by returned_seconds) as quantiles
                from custody_period where %s and returned_seconds is not null group by month""".formatted(where),
                rs -> {
                    quantiles.put(YearMonth.parse(rs.getString("month")),
                            (Double[]) rs.getArray("quantiles").getArray());
                }, monthArgs.toArray());

        List<HeldBin> heldBins = new ArrayList<>();
        for (int i = 0; i < bins.length; i++) {
            heldBins.add(HeldBin.empty(i).with(bins[i][0], bins[i][1]));
        }
        List<MonthFigures> monthFigures = new ArrayList<>();
        months.forEach((month, m) -> {
            Double[] q = quantiles.get(month);
            monthFigures.add(new MonthFigures(month, m[0], q == null ? null : scale(q[0], DAY),
                    q == null ? null : scale(q[1], DAY), Rate.of(m[1], m[2])));
        });
        List<ForceFigures> forceFigures = new ArrayList<>();
        forces.forEach((force, f) -> forceFigures.add(new ForceFigures(force, Rate.of(f[1], f[2]))));
        Rate neverExamined = Rate.of(whole[0], whole[3]);

        List<Object> holdArgs = new ArrayList<>();
        holdArgs.add(Timestamp.from(period.start()));
        holdArgs.add(Timestamp.from(period.end()));
        String holdWhere = "p.seized_at >= ? and p.seized_at < ?" + RetentionReportQuery.filters(filters, holdArgs, "p.");
        LongHold longHold = jdbc.queryForObject("""
                select count(*) as periods, count(*) filter (where p.returned_at is null) as still_held
                from custody_period p where %s and %s""".formatted(holdWhere, RetentionFigure.LONG_HOLD_EXISTS),
                (rs, i) -> new LongHold(rs.getLong("periods"), rs.getLong("still_held")), holdArgs.toArray());
        return new RetentionDashboard(report, List.copyOf(heldBins), List.copyOf(monthFigures),
                List.copyOf(forceFigures), neverExamined, longHold);
    }

    private static void add(long[] sums, long... values) {
        for (int i = 0; i < values.length; i++) {
            sums[i] += values[i];
        }
    }
}
