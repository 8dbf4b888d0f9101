package dev.custody.projections.device;

import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.view.DeviceViewJson;
import dev.custody.projections.view.DeviceView;
import dev.custody.projections.deadline.Resolution;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The projection's SQL. Reads and writes whole batches: each write is one statement over arrays
 * ({@code unnest}), so a batch of a thousand events costs a handful of round trips, live or in a rebuild.
 */
@Repository
class ProjectionStore {

    private final JdbcTemplate jdbc;

    ProjectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored views of these devices, their rows locked until the batch commits: the alert engine skips locked
     * rows, so it cannot raise an alert for a device whose deadlines this batch is changing.
     */
    Map<UUID, DeviceView> loadViews(Collection<UUID> ids) {
        Map<UUID, DeviceView> views = new HashMap<>();
        if (ids.isEmpty()) {
            return views;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select device_id, state::text from device_status where device_id = any(?) order by device_id for update")) {
                ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        views.put(rs.getObject(1, UUID.class), DeviceViewJson.read(rs.getString(2)));
                    }
                }
            }
            return null;
        });
        return views;
    }

    /** An alert as the projection needs it: which alert, and whether it still waits for its deadline to close. */
    record AlertRef(UUID alertId, boolean open) {
    }

    /** Every alert of these devices, by the identity of the deadline it was raised for. */
    Map<UUID, Map<Deadline.Key, AlertRef>> loadAlerts(Collection<UUID> ids) {
        Map<UUID, Map<Deadline.Key, AlertRef>> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select device_id, rule, severity, due_at, alert_id, state <> 'RESOLVED' from alert
                    where device_id = any(?)""")) {
                ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                                .put(new Deadline.Key(AlertRule.valueOf(rs.getString(2)),
                                                AlertSeverity.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant()),
                                        new AlertRef(rs.getObject(5, UUID.class), rs.getBoolean(6)));
                    }
                }
            }
            return null;
        });
        return result;
    }

    void upsertStatus(List<StatusRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into device_status (device_id, force, lab, case_reference, stage, held, owner_role,
                        device_type, seized_at, returned_at, time_sensitive, enhanced, next_due_at, next_fire_at, version,
                        state)
                    select d, f, l, cr, st, h, o, dt, epoch_micros(s), epoch_micros(r), ts, e, epoch_micros(n),
                        epoch_micros(nf), v, j.value
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                                ?::text[], ?::int8[], ?::int8[], ?::boolean[], ?::boolean[], ?::int8[], ?::int8[],
                                ?::bigint[]) with ordinality as t(d, f, l, cr, st, h, o, dt, s, r, ts, e, n, nf, v, i)
                    join json_array_elements(?::json) with ordinality as j(value, i) on j.i = t.i
                    on conflict (device_id) do update set force = excluded.force, lab = excluded.lab,
                        case_reference = excluded.case_reference, stage = excluded.stage, held = excluded.held,
                        owner_role = excluded.owner_role, device_type = excluded.device_type,
                        seized_at = excluded.seized_at, returned_at = excluded.returned_at,
                        time_sensitive = excluded.time_sensitive, enhanced = excluded.enhanced,
                        next_due_at = excluded.next_due_at, next_fire_at = excluded.next_fire_at,
                        version = excluded.version, state = excluded.state""")) {
                int n = rows.size();
                Object[] id = new Object[n], force = new Object[n], lab = new Object[n], caseRef = new Object[n],
                        stage = new Object[n], held = new Object[n], owner = new Object[n], type = new Object[n],
                        seized = new Object[n], returned = new Object[n], ts = new Object[n], enh = new Object[n],
                        next = new Object[n], fire = new Object[n], version = new Object[n];
                // The states go as one JSON array, not a text[]: the driver escapes every quote of every element of
                // a text array, which cost more than all the rest of a rebuild's writing.
                StringBuilder states = new StringBuilder(n * 1024).append('[');
                for (int i = 0; i < n; i++) {
                    StatusRow r = rows.get(i);
                    DeviceView v = r.view();
                    id[i] = v.deviceId();
                    force[i] = v.force();
                    lab[i] = v.lab();
                    caseRef[i] = v.caseReference();
                    stage[i] = v.stage().name();
                    held[i] = v.isHeld();
                    owner[i] = v.ownerRole().name();
                    type[i] = v.deviceType().name();
                    seized[i] = micros(v.seizedAt());
                    returned[i] = micros(v.returnedAt());
                    ts[i] = r.timeSensitive();
                    enh[i] = v.isEnhancedVictim();
                    next[i] = micros(r.nextDueAt());
                    fire[i] = micros(r.nextFireAt());
                    version[i] = v.version();
                    states.append(i == 0 ? "" : ",").append(DeviceViewJson.write(v));
                }
                setArrays(c, ps, new String[]{"uuid", "text", "text", "text", "text", "bool", "text", "text", "int8",
                        "int8", "bool", "bool", "int8", "int8", "int8"},
                        id, force, lab, caseRef, stage, held, owner, type, seized, returned, ts, enh, next, fire, version);
                ps.setString(16, states.append(']').toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Resolves an alert once: a second resolution of the same alert (a redelivered event) changes nothing.
     *
     * @return true if this call resolved it
     */
    boolean resolveAlert(UUID alertId, Resolution resolution, Instant stepAt, String stepType, long lateBySeconds,
                         Instant recordedAt, String actor) {
        Integer logged = jdbc.queryForObject("""
                with r as (
                    update alert set state = 'RESOLVED', resolution = ?, resolved_at = ?, resolved_by = ?,
                        late_by_seconds = ?
                    where alert_id = ? and state <> 'RESOLVED'
                    returning alert_id, device_id, force)
                , l as (
                    insert into alert_log (alert_id, device_id, force, change, at, actor, note)
                    select alert_id, device_id, force, 'RESOLVED', ?, ?, ? from r returning 1)
                select count(*)::int from l""", Integer.class,
                resolution.name(), Timestamp.from(stepAt), stepType, lateBySeconds, alertId,
                Timestamp.from(recordedAt), actor, resolution.name().toLowerCase().replace('_', ' ') + " by " + stepType);
        return logged != null && logged > 0;
    }

    void upsertPeriods(List<DeviceView> views) {
        if (views.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into custody_period (device_id, seizure_number, force, lab, owner_role, device_type,
                        case_reference, seized_at, returned_at, first_download_completed_at, examination_started_at,
                        examination_completed_at, relevant_material_found, first_replacement_at,
                        reseizure_gap_seconds, exceeds_date_range_limit, scope_from, scope_to, long_range_justification)
                    select id, sn, f, l, o, dt, cr, epoch_micros(s), epoch_micros(r), epoch_micros(fd),
                        epoch_micros(es), epoch_micros(ec), rel, epoch_micros(rep), gap, ex, sf::date, stt::date, j
                    from unnest(?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int8[],
                                ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::boolean[], ?::int8[], ?::bigint[],
                                ?::boolean[], ?::text[], ?::text[], ?::text[])
                        as x(id, sn, f, l, o, dt, cr, s, r, fd, es, ec, rel, rep, gap, ex, sf, stt, j)
                    on conflict (device_id, seizure_number) do update set lab = excluded.lab,
                        returned_at = excluded.returned_at,
                        first_download_completed_at = excluded.first_download_completed_at,
                        examination_started_at = excluded.examination_started_at,
                        examination_completed_at = excluded.examination_completed_at,
                        relevant_material_found = excluded.relevant_material_found,
                        first_replacement_at = excluded.first_replacement_at""")) {
                int n = views.size();
                Object[][] cols = new Object[19][n];
                for (int i = 0; i < n; i++) {
                    DeviceView v = views.get(i);
                    cols[0][i] = v.deviceId();
                    cols[1][i] = v.seizureNumber();
                    cols[2][i] = v.force();
                    cols[3][i] = v.lab();
                    cols[4][i] = v.ownerRole().name();
                    cols[5][i] = v.deviceType().name();
                    cols[6][i] = v.caseReference();
                    cols[7][i] = micros(v.seizedAt());
                    cols[8][i] = micros(v.returnedAt());
                    cols[9][i] = micros(v.firstDownloadCompletedAt());
                    cols[10][i] = micros(v.examinationStartedAt());
                    cols[11][i] = micros(v.examinationCompletedAt());
                    cols[12][i] = v.relevantMaterialFound();
                    cols[13][i] = micros(v.firstReplacementIssuedAt());
                    cols[14][i] = v.reseizureGapSeconds();
                    cols[15][i] = v.dateRangeExceedsLimit();
                    cols[16][i] = text(v.scopeFrom());
                    cols[17][i] = text(v.scopeTo());
                    cols[18][i] = v.longRangeJustification();
                }
                setArrays(c, ps, new String[]{"uuid", "int4", "text", "text", "text", "text", "text", "int8", "int8",
                        "int8", "int8", "int8", "bool", "int8", "int8", "bool", "text", "text", "text"}, cols);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void addLoggingLag(Map<LagKey, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into logging_lag (force, lab, owner_role, device_type, day, lag_minutes, events)
                    select f, l, o, dt, d::date, m, n
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::bigint[])
                        as x(f, l, o, dt, d, m, n)
                    on conflict (force, lab, owner_role, device_type, day, lag_minutes)
                        do update set events = logging_lag.events + excluded.events""")) {
                int n = counts.size();
                Object[][] cols = new Object[7][n];
                int i = 0;
                for (var e : counts.entrySet()) {
                    LagKey k = e.getKey();
                    cols[0][i] = k.force();
                    cols[1][i] = k.lab();
                    cols[2][i] = k.ownerRole();
                    cols[3][i] = k.deviceType();
                    cols[4][i] = k.day().toString();
                    cols[5][i] = k.lagMinutes();
                    cols[6][i] = e.getValue();
                    i++;
                }
                setArrays(c, ps, new String[]{"text", "text", "text", "text", "text", "int4", "int8"}, cols);
                ps.executeUpdate();
            }
            return null;
        });
    }

    void relaxDurabilityForThisTransaction() {
        jdbc.execute("set local synchronous_commit = off");
    }

    /**
     * For the rest of this transaction the projection's statements fill the rebuild tables ({@link RebuildTables}):
     * they come first on the search path, ahead of the live schema, which still provides the alerts.
     */
    void writeToRebuildTables() {
        jdbc.queryForList("select set_config('search_path', '" + RebuildTables.REBUILD + ", ' || current_schema(), true)",
                String.class);
    }

    /** Empties every rebuildable read model; alerts and their log are kept (see the migration). */
    void truncateReadModels() {
        jdbc.execute("truncate table device_status, custody_period, logging_lag");
    }

    private static void setArrays(Connection c, PreparedStatement ps, String[] types, Object[]... columns)
            throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            Array array = c.createArrayOf(types[i], columns[i]);
            ps.setArray(i + 1, array);
        }
    }

    /**
     * Times go to the database as microseconds since the epoch, which the driver writes and PostgreSQL reads far
     * faster than ISO text; SQL's {@code epoch_micros} turns them back. PostgreSQL keeps microseconds, so nothing
     * is lost.
     */
    private static Long micros(Instant instant) {
        return instant == null ? null
                : Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /**
     * A device's status row and the figures derived from its open deadlines.
     *
     * @param nextDueAt  the earliest breach due time, for the lab queue
     * @param nextFireAt the earliest fire time of a deadline without an alert, for the alert engine
     */
    record StatusRow(DeviceView view, boolean timeSensitive, Instant nextDueAt, Instant nextFireAt) {
    }

    /** A cell of the logging-lag histogram. */
    record LagKey(String force, String lab, String ownerRole, String deviceType, LocalDate day, int lagMinutes) {
    }
}
