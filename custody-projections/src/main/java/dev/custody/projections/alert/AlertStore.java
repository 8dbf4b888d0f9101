package dev.custody.projections.alert;

import dev.custody.values.AlertRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The alert and alert_log tables. */
@Repository
public class AlertStore {

    /** What one scan did: the due deadlines it examined and the alerts it raised, by rule. */
    public record ScanResult(int dueRows, Map<AlertRule, Integer> raised) {
        public int raisedCount() {
            return raised.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** A filter on the alert list; null fields do not filter. */
    public record Filter(String rule, String severity, String force, String state, String ownerRole, String lab,
                         UUID deviceId, Instant raisedFrom, Instant raisedTo) {
    }

    static final String COLUMNS = """
            alert_id, rule, severity, device_id, force, owner_role, lab, seizure_number, due_at, raised_at, state,
            resolution, resolved_at, resolved_by, late_by_seconds, acknowledged_by, acknowledged_at, acknowledge_note""";

    static final RowMapper<AlertView> ALERT = (rs, i) -> new AlertView(rs.getObject("alert_id", UUID.class),
            rs.getString("rule"), rs.getString("severity"), rs.getObject("device_id", UUID.class),
            rs.getString("force"), rs.getString("owner_role"), rs.getString("lab"), rs.getInt("seizure_number"),
            instant(rs, "due_at"), instant(rs, "raised_at"), rs.getString("state"), rs.getString("resolution"),
            instant(rs, "resolved_at"), rs.getString("resolved_by"), (Long) rs.getObject("late_by_seconds"),
            rs.getString("acknowledged_by"), instant(rs, "acknowledged_at"), rs.getString("acknowledge_note"));

    static final RowMapper<AlertLogEntry> LOG = (rs, i) -> new AlertLogEntry(rs.getLong("id"),
            rs.getObject("alert_id", UUID.class), rs.getObject("device_id", UUID.class), rs.getString("force"),
            rs.getString("change"), instant(rs, "at"), rs.getString("actor"), rs.getString("note"));

    private final JdbcTemplate jdbc;

    AlertStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Raises an alert for every deadline whose fire time has passed and that has none yet, oldest first, at most
     * {@code limit}. Exactly once across nodes: due rows are locked with SKIP LOCKED, the alert id is derived from
     * the deadline's identity, and the alert table is unique on it, so a deadline can never get a second alert.
     * A deadline re-created by a rebuild is linked back to its existing alert without a new RAISED entry.
     * <p>
     * A deadline is judged only once the read model has applied every stored event of its device: a step stored
     * just before the due time, but not yet projected, must get the chance to close the deadline first. The check
     * is per device (its view's version against the event store's last sequence number), so it costs one index
     * probe per due deadline and also holds during a rebuild, where devices not yet replayed are simply skipped.
     * Must run in a transaction.
     */
    public ScanResult raiseDue(Instant now, int limit) {
        Timestamp at = Timestamp.from(now);
        Map<AlertRule, Integer> raised = new EnumMap<>(AlertRule.class);
        int[] due = {0};
        jdbc.query("""
                with due as (
                    select d.device_id, d.rule, d.severity, d.due_at, d.force, d.owner_role, s.lab, d.seizure_number,
                           md5(d.device_id::text || '/' || d.rule || '/' || d.severity || '/'
                               || extract(epoch from d.due_at)::text)::uuid as alert_id
                    from deadline d join device_status s on s.device_id = d.device_id
                    where d.alert_id is null and d.fire_at <= ?
                      and not exists (select 1 from domain_event_entry e
                                      where e.aggregate_identifier = d.device_id::text
                                        and e.sequence_number > s.version)
                    order by d.fire_at
                    limit ?
                    for update of d skip locked
                ), ins as (
                    insert into alert (alert_id, rule, severity, device_id, force, owner_role, lab, seizure_number,
                                       due_at, raised_at, state)
                    select alert_id, rule, severity, device_id, force, owner_role, lab, seizure_number, due_at, ?, 'OPEN'
                    from due
                    on conflict do nothing
                    returning alert_id, device_id, force, rule
                ), logged as (
                    insert into alert_log (alert_id, device_id, force, change, at)
                    select alert_id, device_id, force, 'RAISED', ? from ins
                    returning 1
                ), linked as (
                    update deadline d set alert_id = due.alert_id from due
                    where d.device_id = due.device_id and d.rule = due.rule and d.severity = due.severity
                      and d.due_at = due.due_at
                    returning 1
                )
                select rule, true as raised from ins
                union all
                select rule, false from due""",
                rs -> {
                    if (rs.getBoolean(2)) {
                        raised.merge(AlertRule.valueOf(rs.getString(1)), 1, Integer::sum);
                    } else {
                        due[0]++;
                    }
                }, at, limit, at, at);
        return new ScanResult(due[0], raised);
    }

    public Optional<AlertView> find(UUID alertId) {
        return jdbc.query("select " + COLUMNS + " from alert where alert_id = ?", ALERT, alertId).stream().findFirst();
    }

    public List<AlertView> forDevice(UUID deviceId) {
        return jdbc.query("select " + COLUMNS + " from alert where device_id = ? order by raised_at", ALERT, deviceId);
    }

    public List<AlertLogEntry> log(UUID alertId) {
        return jdbc.query("select * from alert_log where alert_id = ? order by id", LOG, alertId);
    }

    public List<AlertView> search(Filter f, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from alert" + where + " order by raised_at desc, alert_id limit ? offset ?",
                ALERT, args.toArray());
    }

    public long count(Filter f) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        Long n = jdbc.queryForObject("select count(*) from alert" + where, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    public long countLogEntries(String force, Instant from, Instant to) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from alert_log" + logWhere(force, from, to, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    public List<AlertLogEntry> logEntries(String force, Instant from, Instant to, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = logWhere(force, from, to, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select * from alert_log" + where + " order by id limit ? offset ?", LOG, args.toArray());
    }

    private static String logWhere(String force, Instant from, Instant to, List<Object> args) {
        StringBuilder where = new StringBuilder(" where true");
        if (force != null) {
            where.append(" and force = ?");
            args.add(force);
        }
        if (from != null) {
            where.append(" and at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.append(" and at < ?");
            args.add(Timestamp.from(to));
        }
        return where.toString();
    }

    /**
     * Marks an open alert as seen by a supervisor.
     *
     * @return false when the alert is not open (already acknowledged or resolved)
     */
    public boolean acknowledge(UUID alertId, String actor, String note, Instant at) {
        Integer logged = jdbc.queryForObject("""
                with a as (
                    update alert set state = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?, acknowledge_note = ?
                    where alert_id = ? and state = 'OPEN'
                    returning alert_id, device_id, force)
                , l as (
                    insert into alert_log (alert_id, device_id, force, change, at, actor, note)
                    select alert_id, device_id, force, 'ACKNOWLEDGED', ?, ?, ? from a returning 1)
                select count(*)::int from l""", Integer.class,
                actor, Timestamp.from(at), note, alertId, Timestamp.from(at), actor, note);
        return logged != null && logged > 0;
    }

    private static String where(Filter f, List<Object> args) {
        StringBuilder where = new StringBuilder(" where true");
        add(where, args, "rule", f.rule());
        add(where, args, "severity", f.severity());
        add(where, args, "force", f.force());
        add(where, args, "state", f.state());
        add(where, args, "owner_role", f.ownerRole());
        add(where, args, "lab", f.lab());
        if (f.deviceId() != null) {
            where.append(" and device_id = ?");
            args.add(f.deviceId());
        }
        if (f.raisedFrom() != null) {
            where.append(" and raised_at >= ?");
            args.add(Timestamp.from(f.raisedFrom()));
        }
        if (f.raisedTo() != null) {
            where.append(" and raised_at < ?");
            args.add(Timestamp.from(f.raisedTo()));
        }
        return where.toString();
    }

    private static void add(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
