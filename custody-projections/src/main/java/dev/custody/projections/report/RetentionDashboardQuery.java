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
import java.util.List;

import static dev.custody.projections.report.RetentionReportQuery.n;
import static dev.custody.projections.report.RetentionReportQuery.row;
import static dev.custody.projections.report.RetentionReportQuery.scale;

/**
 * The retention dashboard: the report ({@link RetentionReportQuery}, the service behind the REST report) and the
 * breakdowns the dashboard draws, in one more pass over the cohort's custody periods (grouping sets by force, month
 * and time-held bin) and one count of the periods held past the long-hold review point.
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

        List<HeldBin> bins = new ArrayList<>();
        for (int i = 0; i <= RetentionDashboard.BIN_EDGES_DAYS.size(); i++) {
            bins.add(HeldBin.empty(i));
        }
        List<MonthFigures> months = new ArrayList<>();
        List<ForceFigures> forces = new ArrayList<>();
        Rate[] neverExamined = {Rate.of(0, 0)};
        // grouping(force, month, bin) is a bit mask of the columns a row is NOT grouped by: 3 by force, 5 by month,
        // 6 by bin, 7 the whole cohort.
        jdbc.query("""
                with p as (select force, to_char(seized_at at time zone 'UTC', 'YYYY-MM') as month,
                                  width_bucket(coalesce(returned_seconds, ? - seized_epoch) / 86400.0, %s) as bin,
                                  returned_seconds, returned_at is null as still_held,
                                  owner_role in ('VICTIM', 'WITNESS') as vw,
                                  examination_started_at is null as unexamined
                           from custody_period where %s)
                select grouping(force, month, bin), force, month, bin,
                       count(returned_seconds), count(*) filter (where still_held),
                       percentile_cont(array[0.5, 0.9]) within group (order by returned_seconds),
                       count(*) filter (where vw), count(*) filter (where vw and returned_seconds <= 86400),
                       count(*) filter (where returned_seconds is not null and unexamined)
                from p group by grouping sets ((force), (month), (bin), ())
                order by 1, 2, 3, 4""".formatted(EDGES, where), rs -> {
            Object[] r = row(rs, 10);
            int grouping = ((Number) r[0]).intValue();
            Rate within24h = Rate.of(n(r[7]), n(r[8]));
            switch (grouping) {
                case 3 -> forces.add(new ForceFigures((String) r[1], within24h));
                case 5 -> {
                    Double[] q = (Double[]) r[6];
                    months.add(new MonthFigures(YearMonth.parse((String) r[2]), n(r[4]),
                            q == null ? null : scale(q[0], DAY), q == null ? null : scale(q[1], DAY), within24h));
                }
                case 6 -> {
                    int bin = ((Number) r[3]).intValue();
                    bins.set(bin, bins.get(bin).with(n(r[4]), n(r[5])));
                }
                case 7 -> neverExamined[0] = Rate.of(n(r[4]), n(r[9]));
                default -> throw new IllegalStateException("unexpected grouping " + grouping);
            }
        }, args.toArray());

        List<Object> holdArgs = new ArrayList<>();
        holdArgs.add(Timestamp.from(period.start()));
        holdArgs.add(Timestamp.from(period.end()));
        String holdWhere = "p.seized_at >= ? and p.seized_at < ?" + RetentionReportQuery.filters(filters, holdArgs, "p.");
        LongHold longHold = jdbc.queryForObject("""
                select count(*), count(*) filter (where p.returned_at is null) from custody_period p
                where %s and %s""".formatted(holdWhere, RetentionFigure.LONG_HOLD_EXISTS),
                (rs, i) -> new LongHold(rs.getLong(1), rs.getLong(2)), holdArgs.toArray());
        return new RetentionDashboard(report, List.copyOf(bins), List.copyOf(months), List.copyOf(forces),
                neverExamined[0], longHold);
    }
}
