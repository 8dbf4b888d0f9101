package dev.custody.projections.alert;

import dev.custody.projections.access.Where;
import dev.custody.projections.deadline.Deadline;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The alert and alert_log tables. */
@Repository
public class AlertStore {

    /** A filter on the alert list; null fields do not filter. */
    public record Filter(String rule, String severity, String force, String state, String ownerRole, String lab,
                         UUID deviceId, Instant raisedFrom, Instant raisedTo) {
    }

    /**
     * The order of a search: the newest raised first (the API's), or the most urgent first: breaches before
     * warnings, then the one due longest ago.
     */
    public enum Order {
        NEWEST("raised_at desc, alert_id"),
        MOST_URGENT("case severity when 'BREACH' then 0 else 1 end, due_at, raised_at desc, alert_id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
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

    /** A deadline that has fallen due, to raise an alert for. */
    public record DueDeadline(UUID deviceId, AlertRule rule, AlertSeverity severity, Instant dueAt, String force,
                              String ownerRole, String lab, int seizureNumber) {
    }

    /** What the alert counts are kept by: rule and severity. */
    public record Kind(AlertRule rule, AlertSeverity severity) {
    }

    /**
     * Raises one alert per due deadline, exactly once across nodes and restarts: the alert id is derived from the
     * deadline's identity and the table is unique on it, so a deadline can never get a second alert; the RAISED log
     * entry is written only for an alert actually inserted. Must run in a transaction.
     *
     * @return the alerts raised now, by rule and severity (deadlines that already had one are not counted)
     */
    public Map<Kind, Integer> raise(List<DueDeadline> due, Instant now) {
        Map<Kind, Integer> raised = new HashMap<>();
        if (due.isEmpty()) {
            return raised;
        }
        Timestamp at = Timestamp.from(now);
        jdbc.execute((ConnectionCallback<Void>) c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    with due as (
                        select id, r, s, due::timestamptz as due, f, o, l, sn,
                               md5(id::text || '/' || r || '/' || s || '/'
                                   || extract(epoch from due::timestamptz)::text)::uuid as alert_id
                        from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::int[]) as x(id, r, s, due, f, o, l, sn)
                    ), ins as (
                        insert into alert (alert_id, rule, severity, device_id, force, owner_role, lab, seizure_number,
                                           due_at, raised_at, state)
                        select alert_id, r, s, id, f, o, l, sn, due, ?, 'OPEN' from due
                        on conflict do nothing
                        returning alert_id, device_id, force, rule, severity
                    ), logged as (
                        insert into alert_log (alert_id, device_id, force, change, at)
                        select alert_id, device_id, force, 'RAISED', ? from ins
                        returning 1
                    )
                    select rule, severity from ins""")) {
                int n = due.size();
                Object[][] cols = new Object[8][n];
                for (int i = 0; i < n; i++) {
                    DueDeadline d = due.get(i);
                    cols[0][i] = d.deviceId();
                    cols[1][i] = d.rule().name();
                    cols[2][i] = d.severity().name();
                    cols[3][i] = d.dueAt().toString();
                    cols[4][i] = d.force();
                    cols[5][i] = d.ownerRole();
                    cols[6][i] = d.lab();
                    cols[7][i] = d.seizureNumber();
                }
                String[] types = {"uuid", "text", "text", "text", "text", "text", "text", "int4"};
                for (int i = 0; i < cols.length; i++) {
                    ps.setArray(i + 1, c.createArrayOf(types[i], cols[i]));
                }
                ps.setTimestamp(9, at);
                ps.setTimestamp(10, at);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raised.merge(new Kind(AlertRule.valueOf(rs.getString(1)),
                                AlertSeverity.valueOf(rs.getString(2))), 1, Integer::sum);
                    }
                }
            }
            return null;
        });
        return raised;
    }

    /** Every deadline of these devices that has ever had an alert, by device. */
    public Map<UUID, Set<Deadline.Key>> alertedDeadlines(Collection<UUID> deviceIds) {
        Map<UUID, Set<Deadline.Key>> result = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return result;
        }
        jdbc.query("select device_id, rule, severity, due_at from alert where device_id = any(?)", rs -> {
            result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashSet<>())
                    .add(new Deadline.Key(AlertRule.valueOf(rs.getString(2)), AlertSeverity.valueOf(rs.getString(3)),
                            rs.getTimestamp(4).toInstant()));
        }, (Object) deviceIds.toArray(UUID[]::new));
        return result;
    }

    public Optional<AlertView> find(UUID alertId) {
        return jdbc.query("select " + COLUMNS + " from alert where alert_id = ?", ALERT, alertId).stream().findFirst();
    }

    public List<AlertView> forDevice(UUID deviceId) {
        return jdbc.query("select " + COLUMNS + " from alert where device_id = ? order by raised_at", ALERT, deviceId);
    }

    public List<AlertView> findAll(Collection<UUID> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select " + COLUMNS + " from alert where alert_id = any(?)", ALERT,
                (Object) alertIds.toArray(UUID[]::new));
    }

    public List<AlertLogEntry> log(UUID alertId) {
        return jdbc.query("select * from alert_log where alert_id = ? order by id", LOG, alertId);
    }

    public List<AlertView> search(Filter f, Order order, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select " + COLUMNS + " from alert" + where + " order by " + order.sql + " limit ? offset ?",
                ALERT, args.toArray());
    }

    public long count(Filter f) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        Long n = jdbc.queryForObject("select count(*) from alert" + where, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** The log entries of a force (every force for null) between two times, of one kind of change when not null. */
    public long countLogEntries(String force, Instant from, Instant to, String change) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from alert_log" + logWhere(force, from, to, change, args),
                Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** A page of the log, in the order it was written or newest first. */
    public List<AlertLogEntry> logEntries(String force, Instant from, Instant to, String change, boolean newestFirst,
                                          int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = logWhere(force, from, to, change, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select * from alert_log" + where + " order by id" + (newestFirst ? " desc" : "")
                + " limit ? offset ?", LOG, args.toArray());
    }

    private static String logWhere(String force, Instant from, Instant to, String change, List<Object> args) {
        return " where true" + Where.appendingTo(args).equal("force", force).equal("change", change)
                .atOrAfter("at", from).before("at", to);
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
        return " where true" + Where.appendingTo(args).equal("rule", f.rule()).equal("severity", f.severity())
                .equal("force", f.force()).equal("state", f.state()).equal("owner_role", f.ownerRole())
                .equal("lab", f.lab()).equal("device_id", f.deviceId())
                .atOrAfter("raised_at", f.raisedFrom()).before("raised_at", f.raisedTo());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
