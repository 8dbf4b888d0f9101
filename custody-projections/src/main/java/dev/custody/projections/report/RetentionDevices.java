package dev.custody.projections.report;

import dev.custody.projections.access.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The custody periods behind one figure of the retention report: the drill-down of the dashboard. Same cohort,
 * filters and scoping as the report (the caller passes a {@link RetentionRequest}), narrowed to one figure and, where
 * the figure is a row of a breakdown, to its month or time-held bin.
 */
@Component
public class RetentionDevices {

    /** One custody period; the device page shows the rest. */
    public record Row(UUID deviceId, int seizureNumber, String force, String caseReference, String ownerRole,
                      String deviceType, Instant seizedAt, Instant returnedAt) {
    }

    /**
     * Narrows a figure to one row of a breakdown; null fields do not narrow.
     *
     * @param bin  the time-held bin ({@link RetentionDashboard#bin})
     * @param rule the alert rule, for the alert figures
     */
    public record Narrowing(YearMonth month, Integer bin, String rule) {
        public static final Narrowing NONE = new Narrowing(null, null, null);
    }

    private final JdbcTemplate jdbc;

    RetentionDevices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page<Row> find(RetentionRequest request, RetentionFigure figure, Narrowing narrowing, Instant now,
                          int page, int size) {
        RetentionReport.Period period = request.period();
        RetentionReport.Filters f = request.filters();
        double nowEpoch = now.getEpochSecond() + now.getNano() / 1e9;
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select p.device_id, p.seizure_number, p.force, p.case_reference, "
                + "p.owner_role, p.device_type, p.seized_at, p.returned_at, count(*) over () as total from custody_period p ");
        if (figure.isAlert()) {
            // The alerts raised in the period, filtered as the report filters them (on the alert's own columns).
            sql.append("where exists (select 1 from alert a where a.device_id = p.device_id"
                    + " and a.seizure_number = p.seizure_number and a.raised_at >= ? and a.raised_at < ?");
            args.add(Timestamp.from(period.start()));
            args.add(Timestamp.from(period.end()));
            if (narrowing.rule() != null) {
                sql.append(" and a.rule = ?");
                args.add(narrowing.rule());
            }
            if (figure == RetentionFigure.ALERT_OPEN) {
                sql.append(" and a.state <> 'RESOLVED'");
            } else if (figure == RetentionFigure.ALERT_IN_TIME) {
                sql.append(" and a.resolution = 'IN_TIME'");
            } else if (figure == RetentionFigure.ALERT_LATE) {
                sql.append(" and a.resolution = 'LATE'");
            }
            sql.append(RetentionReportQuery.filters(
                    new RetentionReport.Filters(f.force(), f.lab(), f.ownerRole(), null), args, "a."));
            sql.append(")");
            if (f.deviceType() != null) {
                sql.append(" and p.device_type = ?");
                args.add(f.deviceType());
            }
        } else {
            sql.append("where p.seized_at >= ? and p.seized_at < ?");
            args.add(Timestamp.from(period.start()));
            args.add(Timestamp.from(period.end()));
            sql.append(RetentionReportQuery.filters(f, args, "p."));
            sql.append(" and ").append(figure.condition());
            if (figure.usesNow()) {
                args.add(nowEpoch);
            }
            if (narrowing.month() != null) {
                sql.append(" and p.seized_at >= ? and p.seized_at < ?");
                args.add(Timestamp.from(narrowing.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
                args.add(Timestamp.from(narrowing.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                        .toInstant()));
            }
            if (narrowing.bin() != null) {
                sql.append(" and width_bucket(coalesce(p.returned_seconds, ? - p.seized_epoch) / 86400.0, ")
                        .append(RetentionDashboardQuery.EDGES).append(") = ?");
                args.add(nowEpoch);
                args.add(narrowing.bin());
            }
        }
        sql.append(" order by p.seized_at, p.device_id, p.seizure_number limit ? offset ?");
        args.add(size);
        args.add((long) page * size);
        long[] total = {0};
        List<Row> rows = jdbc.query(sql.toString(), (rs, i) -> {
            total[0] = rs.getLong("total");
            Timestamp returned = rs.getTimestamp("returned_at");
            return new Row(rs.getObject("device_id", UUID.class), rs.getInt("seizure_number"), rs.getString("force"),
                    rs.getString("case_reference"), rs.getString("owner_role"), rs.getString("device_type"),
                    rs.getTimestamp("seized_at").toInstant(), returned == null ? null : returned.toInstant());
        }, args.toArray());
        return new Page<>(rows, page, size, total[0]);
    }
}
