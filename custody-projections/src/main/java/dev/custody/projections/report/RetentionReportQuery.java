package dev.custody.projections.report;

import dev.custody.projections.access.Where;
import dev.custody.projections.report.RetentionReport.AlertCounts;
import dev.custody.projections.report.RetentionReport.Alerts;
import dev.custody.projections.report.RetentionReport.Durations;
import dev.custody.projections.report.RetentionReport.LabTimes;
import dev.custody.projections.report.RetentionReport.LateLogging;
import dev.custody.projections.report.RetentionReport.LongDateRange;
import dev.custody.projections.report.RetentionReport.LongDateRanges;
import dev.custody.projections.report.RetentionReport.Rate;
import dev.custody.projections.report.RetentionReport.Replacement;
import dev.custody.projections.report.RetentionReport.Reseizures;
import dev.custody.projections.report.RetentionReport.TimeHeld;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Computes the retention report in four queries: one pass over the custody periods seized in the period, the list
 * of long date ranges, and, at the same time on a second connection, the logging-lag histogram and the alert
 * counts. The population is the cohort of seizures in the period; see docs/reports.md for each definition.
 */
@Component
public class RetentionReportQuery {

    private static final double DAY = 86_400.0;
    private static final int LIST_LIMIT = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate sideTx;
    private final String workMem;
    private final ExecutorService sidePool;
    /**
     * Second connections free for reports. A report that finds none free computes everything on its own connection,
     * so a burst of reports never holds every pooled connection while waiting for one more.
     */
    private final Semaphore sideConnections;

    RetentionReportQuery(JdbcTemplate jdbc, TransactionTemplate tx,
                         @Value("${custody.reports.work-mem:256MB}") String workMem,
                         @Value("${custody.reports.parallel:2}") int parallel) {
        this.jdbc = jdbc;
        this.tx = readOnlyRepeatableRead(tx);
        this.sideTx = readOnlyRepeatableRead(tx);
        this.workMem = workMem.replaceAll("[^0-9A-Za-z]", "");
        this.sideConnections = new Semaphore(Math.max(0, parallel - 1));
        this.sidePool = Executors.newFixedThreadPool(Math.max(1, parallel - 1), r -> {
            Thread t = new Thread(r, "retention-report");
            t.setDaemon(true);
            return t;
        });
    }

    private static TransactionTemplate readOnlyRepeatableRead(TransactionTemplate tx) {
        TransactionTemplate t = new TransactionTemplate(tx.getTransactionManager());
        t.setReadOnly(true);
        t.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return t;
    }

    @PreDestroy
    void stop() {
        sidePool.shutdownNow();
    }

    /**
     * One consistent snapshot for every figure, computed on two connections at once: the custody periods on this
     * one, the alert counts and the logging-lag histogram on another that imports this transaction's snapshot
     * ({@code pg_export_snapshot}), so both see exactly the same data. The percentiles sort up to a million
     * durations each: with PostgreSQL's default 4 MB of sort memory those sorts spill to disk, so the report's
     * transactions get more.
     */
    public RetentionReport run(RetentionReport.Period period, RetentionReport.Filters filters, Instant now) {
        return tx.execute(s -> {
            tune();
            if (!sideConnections.tryAcquire()) {
                return compute(period, filters, now, CompletableFuture.completedFuture(side(period, filters)));
            }
            try {
                String snapshot = jdbc.queryForObject("select pg_export_snapshot()", String.class);
                Future<Side> other = sidePool.submit(() -> sideTx.execute(s2 -> {
                    jdbc.execute("set transaction snapshot '" + snapshot.replaceAll("[^0-9A-Za-z-]", "") + "'");
                    tune();
                    return side(period, filters);
                }));
                try {
                    return compute(period, filters, now, other);
                } finally {
                    other.cancel(true);
                }
            } finally {
                sideConnections.release();
            }
        });
    }

    private Side side(RetentionReport.Period period, RetentionReport.Filters filters) {
        return new Side(lateLogging(period, filters), alerts(period.start(), period.end(), filters));
    }

    private record Side(LateLogging lateLogging, Alerts alerts) {
    }

    private void tune() {
        jdbc.execute("set local work_mem = '" + workMem + "'");
        // JIT compilation of these one-row aggregates costs more than it saves (docs/benchmarks.md).
        jdbc.execute("set local jit = off");
    }

    private static Side await(Future<Side> other) {
        try {
            return other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the report's alert counts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the report's alert counts failed", e.getCause());
        }
    }

    private RetentionReport compute(RetentionReport.Period period, RetentionReport.Filters filters, Instant now,
                                    Future<Side> other) {
        Instant from = period.start();
        Instant to = period.end();

        // Parameters in the order they appear in the SQL. The same "now" is used for every figure, so ages and
        // "held past 24h" agree with each other. Ages of devices still held are worked out from the seizure times:
        // age = now - seized, so the age at quantile q is now minus the seizure time at quantile 1 - q (percentile_cont
        // interpolates linearly, so this is exact), and the oldest is now minus the earliest seizure.
        double nowEpoch = now.getEpochSecond() + now.getNano() / 1e9;
        List<Object> args = new ArrayList<>();
        args.add(nowEpoch - DAY);
        args.add(Timestamp.from(from));
        args.add(Timestamp.from(to));
        String where = "seized_at >= ? and seized_at < ?" + filters(filters, args, "");

        Map<String, Object> cohort = jdbc.queryForObject("""
                with p as (select *, owner_role in ('VICTIM', 'WITNESS') as vw,
                                  coalesce(returned_seconds > 86400, seized_epoch < ?) as past24
                           from custody_period where %s)
                select
                  count(returned_seconds) as returned,
                  percentile_cont(array[0.5, 0.9]) within group (order by returned_seconds) as returned_quantiles,
                  max(returned_seconds) as returned_longest,
                  count(*) filter (where returned_at is null) as held,
                  percentile_cont(array[0.5, 0.1]) within group (order by seized_epoch)
                      filter (where returned_at is null) as held_seized_quantiles,
                  min(seized_epoch) filter (where returned_at is null) as held_earliest,
                  count(*) filter (where vw) as victim_witness,
                  count(*) filter (where vw and returned_seconds <= 86400) as victim_witness_returned_24h,
                  count(*) filter (where vw and past24) as victim_witness_past_24h,
                  count(replacement_seconds) filter (where vw and past24) as replaced,
                  percentile_cont(0.5) within group (order by replacement_seconds) filter (where vw and past24)
                      as replacement_median,
                  count(download_seconds) as downloaded,
                  percentile_cont(0.5) within group (order by download_seconds) as download_median,
                  count(exam_wait_seconds) as examined,
                  percentile_cont(0.5) within group (order by exam_wait_seconds) as exam_wait_median,
                  count(examination_completed_at) as examinations,
                  count(*) filter (where examination_completed_at is not null and relevant_material_found = false)
                      as nothing_relevant,
                  count(*) filter (where seizure_number > 1) as reseized,
                  percentile_cont(0.5) within group (order by reseizure_gap_seconds) filter (where seizure_number > 1)
                      as reseizure_gap_median,
                  count(*) filter (where exceeds_date_range_limit) as long_date_ranges
                from p""".formatted(where), (rs, i) -> columns(rs), args.toArray());

        TimeHeld timeHeld = new TimeHeld(
                durations(cohort.get("returned"), cohort.get("returned_quantiles"), cohort.get("returned_longest"), DAY),
                ages(cohort.get("held"), cohort.get("held_seized_quantiles"), cohort.get("held_earliest"), nowEpoch));
        Rate returned24 = Rate.of(n(cohort.get("victim_witness")), n(cohort.get("victim_witness_returned_24h")));
        long past24 = n(cohort.get("victim_witness_past_24h"));
        long replaced = n(cohort.get("replaced"));
        Replacement replacement = new Replacement(past24, replaced, past24 == 0 ? null : 100.0 * replaced / past24,
                scale(cohort.get("replacement_median"), 3600.0));
        LabTimes lab = new LabTimes(n(cohort.get("downloaded")), scale(cohort.get("download_median"), DAY),
                n(cohort.get("examined")), scale(cohort.get("exam_wait_median"), DAY));
        Rate unused = Rate.of(n(cohort.get("examinations")), n(cohort.get("nothing_relevant")));
        Reseizures reseizures = new Reseizures(n(cohort.get("reseized")), scale(cohort.get("reseizure_gap_median"), DAY));

        LongDateRanges longRanges = longDateRanges(n(cohort.get("long_date_ranges")), from, to, filters);
        Side side = await(other);
        return new RetentionReport(period, filters, now, timeHeld, returned24, replacement, lab, unused, reseizures,
                side.lateLogging(), longRanges, side.alerts());
    }

    private LateLogging lateLogging(RetentionReport.Period period, RetentionReport.Filters f) {
        List<Object> args = new ArrayList<>();
        args.add(Date.valueOf(period.from()));
        args.add(Date.valueOf(period.to()));
        String where = "day >= ? and day <= ?" + filters(f, args, "");
        TreeMap<Long, Long> histogram = new TreeMap<>();
        jdbc.query("select lag_minutes, sum(events) from logging_lag where " + where
                        + " group by lag_minutes order by lag_minutes",
                rs -> {
                    histogram.put(rs.getLong(1), rs.getLong(2));
                }, args.toArray());
        long events = histogram.values().stream().mapToLong(Long::longValue).sum();
        return new LateLogging(events, Percentiles.of(histogram, 0.5), Percentiles.of(histogram, 0.9));
    }

    private LongDateRanges longDateRanges(long count, Instant from, Instant to, RetentionReport.Filters f) {
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(from));
        args.add(Timestamp.from(to));
        String where = "seized_at >= ? and seized_at < ? and exceeds_date_range_limit" + filters(f, args, "");
        args.add(LIST_LIMIT);
        List<LongDateRange> list = jdbc.query("select device_id, seizure_number, force, case_reference, scope_from, "
                        + "scope_to, long_range_justification from custody_period where " + where
                        + " order by seized_at limit ?",
                (rs, i) -> new LongDateRange(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), date(rs, 5), date(rs, 6), rs.getString(7)), args.toArray());
        return new LongDateRanges(count, list);
    }

    private Alerts alerts(Instant from, Instant to, RetentionReport.Filters f) {
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(from));
        args.add(Timestamp.from(to));
        String join = f.deviceType() == null ? ""
                : " join custody_period p on p.device_id = a.device_id and p.seizure_number = a.seizure_number";
        String where = "a.raised_at >= ? and a.raised_at < ?" + Where.appendingTo(args).equal("a.force", f.force())
                .equal("a.lab", f.lab()).equal("a.owner_role", f.ownerRole()).equal("p.device_type", f.deviceType());
        List<AlertCounts> byRule = jdbc.query("""
                select a.rule, count(*), count(*) filter (where a.state <> 'RESOLVED'),
                       count(*) filter (where a.state = 'RESOLVED'),
                       count(*) filter (where a.resolution = 'IN_TIME'),
                       count(*) filter (where a.resolution = 'LATE')
                from alert a%s where %s group by a.rule order by a.rule""".formatted(join, where),
                (rs, i) -> new AlertCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), share(rs.getLong(6), rs.getLong(4))), args.toArray());
        long raised = byRule.stream().mapToLong(AlertCounts::raised).sum();
        long resolved = byRule.stream().mapToLong(AlertCounts::resolved).sum();
        long late = byRule.stream().mapToLong(AlertCounts::resolvedLate).sum();
        return new Alerts(raised, resolved, late, share(late, resolved), byRule);
    }

    /** Appends the optional filters on custody_period / logging_lag columns. */
    static String filters(RetentionReport.Filters f, List<Object> args, String prefix) {
        return Where.appendingTo(args).equal(prefix + "force", f.force()).equal(prefix + "lab", f.lab())
                .equal(prefix + "owner_role", f.ownerRole()).equal(prefix + "device_type", f.deviceType()).toString();
    }

    /** A row's columns by name (SQL arrays as Java arrays), so a figure is read by what it is, not where it sits. */
    static Map<String, Object> columns(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object o = rs.getObject(i);
            row.put(meta.getColumnLabel(i), o instanceof Array a ? a.getArray() : o);
        }
        return row;
    }

    private static Durations durations(Object count, Object quantiles, Object max, double unit) {
        Double[] q = quantiles == null ? null : (Double[]) quantiles;
        return new Durations(n(count), q == null ? null : q[0] / unit, q == null ? null : q[1] / unit,
                scale(max, unit));
    }

    /** Ages of devices still held, from the seizure-time quantiles 0.5 and 0.1 and the earliest seizure. */
    private static Durations ages(Object count, Object seizedQuantiles, Object earliest, double nowEpoch) {
        Double[] q = seizedQuantiles == null ? null : (Double[]) seizedQuantiles;
        return new Durations(n(count), q == null ? null : (nowEpoch - q[0]) / DAY,
                q == null ? null : (nowEpoch - q[1]) / DAY,
                earliest == null ? null : (nowEpoch - ((Number) earliest).doubleValue()) / DAY);
    }

    static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static Double scale(Object o, double unit) {
        return o == null ? null : ((Number) o).doubleValue() / unit;
    }

    private static Double share(long part, long of) {
        return of == 0 ? null : (double) part / of;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }
}
