package dev.custody.projections.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One CSV row per custody period seized in the period: the raw material of every report figure. */
@Component
class CustodyPeriodExport {

    private static final List<String> HEADER = List.of("device_id", "seizure_number", "force", "lab", "owner_role",
            "device_type", "case_reference", "seized_at", "returned_at", "days_held", "returned_within_24h",
            "first_download_completed_at", "examination_started_at", "examination_completed_at",
            "relevant_material_found", "first_replacement_at", "reseizure_gap_days", "exceeds_date_range_limit",
            "scope_from", "scope_to", "long_range_justification");

    private final JdbcTemplate jdbc;

    CustodyPeriodExport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String write(RetentionReport.Period period, RetentionReport.Filters f, Instant now) {
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(now));
        args.add(Timestamp.from(period.start()));
        args.add(Timestamp.from(period.end()));
        String where = "seized_at >= ? and seized_at < ?" + RetentionReportQuery.filters(f, args, "");
        Csv csv = new Csv().row(HEADER);
        jdbc.query("""
                select device_id, seizure_number, force, lab, owner_role, device_type, case_reference, seized_at,
                       returned_at,
                       extract(epoch from coalesce(returned_at, ?::timestamptz) - seized_at) / 86400.0,
                       returned_at is not null and returned_at <= seized_at + interval '24 hours',
                       first_download_completed_at, examination_started_at, examination_completed_at,
                       relevant_material_found, first_replacement_at, reseizure_gap_seconds / 86400.0,
                       exceeds_date_range_limit, scope_from, scope_to, long_range_justification
                from custody_period where %s order by seized_at, device_id""".formatted(where),
                rs -> {
                    List<Object> row = new ArrayList<>(HEADER.size());
                    for (int i = 1; i <= HEADER.size(); i++) {
                        Object o = rs.getObject(i);
                        row.add(o instanceof Timestamp t ? t.toInstant() : o);
                    }
                    csv.row(row);
                }, args.toArray());
        return csv.toString();
    }
}
