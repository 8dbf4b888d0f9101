package dev.custody.projections.device;

import dev.custody.projections.deadline.Deadline;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the device read models, for the query endpoints. */
@Repository
public class DeviceQueries {

    /** A device's view with the queue figures stored beside it. */
    public record StoredStatus(DeviceView view, boolean timeSensitive, boolean enhanced, Timestamp nextDueAt) {
    }

    /** Search criteria; null fields do not filter. */
    public record Search(String force, String lab, String stage, String ownerRole, String caseReference,
                         Boolean held, Instant overdueAt) {
        public Search(String force, String lab, String stage, String ownerRole, String caseReference, Boolean held) {
            this(force, lab, stage, ownerRole, caseReference, held, null);
        }
    }

    private static final RowMapper<StoredStatus> STATUS = (rs, i) -> new StoredStatus(
            DeviceViewJson.read(rs.getString("state")), rs.getBoolean("time_sensitive"), rs.getBoolean("enhanced"),
            rs.getTimestamp("next_due_at"));

    private final JdbcTemplate jdbc;

    DeviceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredStatus> find(UUID deviceId) {
        return jdbc.query("select state::text as state, time_sensitive, enhanced, next_due_at from device_status "
                + "where device_id = ?", STATUS, deviceId).stream().findFirst();
    }

    public List<Deadline> openDeadlines(UUID deviceId) {
        return jdbc.query("select rule, severity, due_at, fire_at from deadline where device_id = ? order by fire_at",
                (rs, i) -> new Deadline(AlertRule.valueOf(rs.getString(1)), AlertSeverity.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()), deviceId);
    }

    /** The open deadlines of several devices, earliest fire time first. */
    public Map<UUID, List<Deadline>> openDeadlines(Collection<UUID> deviceIds) {
        Map<UUID, List<Deadline>> result = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return result;
        }
        jdbc.query("select device_id, rule, severity, due_at, fire_at from deadline where device_id = any(?) "
                + "order by fire_at", rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Deadline(AlertRule.valueOf(rs.getString(2)), AlertSeverity.valueOf(rs.getString(3)),
                                    rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                }, (Object) deviceIds.toArray(UUID[]::new));
        return result;
    }

    /** How many devices are ahead of this one in its lab's queue, or empty if it is not in the queue. */
    public Optional<Integer> positionInLabQueue(UUID deviceId, String lab, List<String> stages) {
        return jdbc.query("""
                select position from (
                    select device_id, row_number() over (order by time_sensitive desc, enhanced desc,
                        next_due_at asc nulls last, seized_at asc, device_id) - 1 as position
                    from device_status where held and lab = ? and stage = any(?)) q
                where device_id = ?""", (rs, i) -> rs.getInt(1), lab, stages.toArray(String[]::new), deviceId)
                .stream().findFirst();
    }

    public List<StoredStatus> search(Search s, int page, int size) {
        List<Object> args = new ArrayList<>();
        String where = where(s, args);
        args.add(size);
        args.add((long) page * size);
        return jdbc.query("select state::text as state, time_sensitive, enhanced, next_due_at from device_status"
                + where + " order by seized_at desc, device_id limit ? offset ?", STATUS, args.toArray());
    }

    public long count(Search s) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("select count(*) from device_status" + where(s, args), Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /**
     * The devices held at a lab and waiting for its work, in priority order: data at risk first, then victims
     * with enhanced rights, then the nearest (or most overdue) deadline, then the longest held.
     */
    public List<StoredStatus> labQueue(String lab, String force, List<String> stages, int limit) {
        List<Object> args = new ArrayList<>();
        args.add(lab);
        args.add(stages.toArray(String[]::new));
        String forceFilter = "";
        if (force != null) {
            forceFilter = " and force = ?";
            args.add(force);
        }
        args.add(limit);
        return jdbc.query("""
                select state::text as state, time_sensitive, enhanced, next_due_at from device_status
                where held and lab = ? and stage = any(?)%s
                order by time_sensitive desc, enhanced desc, next_due_at asc nulls last, seized_at asc, device_id
                limit ?""".formatted(forceFilter), STATUS, args.toArray());
    }

    public long labQueueLength(String lab, String force, List<String> stages) {
        List<Object> args = new ArrayList<>();
        args.add(lab);
        args.add(stages.toArray(String[]::new));
        String forceFilter = "";
        if (force != null) {
            forceFilter = " and force = ?";
            args.add(force);
        }
        Long n = jdbc.queryForObject("select count(*) from device_status where held and lab = ? and stage = any(?)"
                + forceFilter, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /** The force a lab belongs to, as seen on the devices it received; empty for a lab that has received none. */
    public Optional<String> forceOfLab(String lab) {
        return jdbc.queryForList("select force from device_status where lab = ? limit 1", String.class, lab).stream()
                .findFirst();
    }

    private static String where(Search s, List<Object> args) {
        StringBuilder where = new StringBuilder(" where true");
        add(where, args, "force", s.force());
        add(where, args, "lab", s.lab());
        add(where, args, "stage", s.stage());
        add(where, args, "owner_role", s.ownerRole());
        add(where, args, "case_reference", s.caseReference());
        if (s.held() != null) {
            where.append(" and held = ?");
            args.add(s.held());
        }
        if (s.overdueAt() != null) {
            where.append(" and held and next_due_at <= ?");
            args.add(Timestamp.from(s.overdueAt()));
        }
        return where.toString();
    }

    private static void add(StringBuilder where, List<Object> args, String column, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            args.add(value);
        }
    }
}
