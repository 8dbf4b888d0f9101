package dev.custody.projections.device;

import dev.custody.projections.access.Where;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.custody.projections.view.DeviceViewJson;
import dev.custody.projections.view.DeviceView;
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

    /**
     * A device's view with the queue figures stored beside it.
     *
     * @param needsAttention one of the device's events is quarantined by a processor (see {@code Quarantine}) and
     *                       its later events wait behind it, so this view (or what victims and Kafka consumers were
     *                       told) may be behind the device's history until an admin retries it
     */
    public record StoredStatus(DeviceView view, boolean timeSensitive, boolean enhanced, Timestamp nextDueAt,
                               boolean needsAttention) {
        public StoredStatus(DeviceView view, boolean timeSensitive, boolean enhanced, Timestamp nextDueAt) {
            this(view, timeSensitive, enhanced, nextDueAt, false);
        }
    }

    /**
     * Search criteria; null fields do not filter.
     *
     * @param overdueAt held devices with a deadline due at or before this time
     * @param needsAttention devices with (true) or without (false) a quarantined event
     * @param seizedBy  devices whose current seizure this person recorded
     */
    public record Search(String force, String lab, String stage, String ownerRole, String caseReference,
                         Boolean held, Instant overdueAt, Boolean needsAttention, String seizedBy) {
        public Search(String force, String lab, String stage, String ownerRole, String caseReference, Boolean held) {
            this(force, lab, stage, ownerRole, caseReference, held, null, null, null);
        }
    }

    /** A device needs attention while any processor has an event of it quarantined. */
    private static final String NEEDS_ATTENTION = "exists (select 1 from quarantined_event q "
            + "where q.device_id = device_status.device_id::text and q.state = 'QUARANTINED')";

    private static final String STATUS_COLUMNS = "state::text as state, time_sensitive, enhanced, next_due_at, "
            + NEEDS_ATTENTION + " as needs_attention";

    private static final RowMapper<StoredStatus> STATUS = (rs, i) -> new StoredStatus(
            DeviceViewJson.read(rs.getString("state")), rs.getBoolean("time_sensitive"), rs.getBoolean("enhanced"),
            rs.getTimestamp("next_due_at"), rs.getBoolean("needs_attention"));

    private final JdbcTemplate jdbc;

    DeviceQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredStatus> find(UUID deviceId) {
        return jdbc.query("select " + STATUS_COLUMNS + " from device_status where device_id = ?", STATUS, deviceId)
                .stream().findFirst();
    }

    /** Whether any processor holds an event of the device in quarantine (see {@code StoredStatus#needsAttention}). */
    public boolean needsAttention(UUID deviceId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from quarantined_event "
                + "where device_id = ? and state = 'QUARANTINED')", Boolean.class, deviceId.toString()));
    }

    /** The views of these devices, by id; a device not projected yet is missing. */
    public Map<UUID, DeviceView> views(Collection<UUID> deviceIds) {
        Map<UUID, DeviceView> views = new HashMap<>();
        if (deviceIds.isEmpty()) {
            return views;
        }
        jdbc.query("select state::text from device_status where device_id = any(?)", rs -> {
            DeviceView view = DeviceViewJson.read(rs.getString(1));
            views.put(view.deviceId(), view);
        }, (Object) deviceIds.toArray(UUID[]::new));
        return views;
    }

    /** A device whose next deadline has fallen due, locked for the alert engine. */
    public record DueDevice(UUID deviceId, DeviceView view) {
    }

    /**
     * Locks the devices with a deadline whose fire time has passed and that has no alert yet, at most {@code limit},
     * earliest first, skipping rows another node or a projection batch holds. A device is due only once its view has
     * applied every stored event of the device: a step stored just before the due time, but not yet projected, gets
     * the chance to close the deadline first. Must run in a transaction.
     */
    public List<DueDevice> lockDue(Instant now, int limit) {
        return jdbc.query("""
                select s.device_id, s.state::text from device_status s
                where s.next_fire_at <= ?
                  and not exists (select 1 from domain_event_entry e
                                  where e.aggregate_identifier = s.device_id::text and e.sequence_number > s.version)
                order by s.next_fire_at
                limit ?
                for update of s skip locked""",
                (rs, i) -> new DueDevice(rs.getObject(1, UUID.class), DeviceViewJson.read(rs.getString(2))),
                Timestamp.from(now), limit);
    }

    /** Sets devices' next fire times after the engine raised their due alerts; null: nothing left to fire. */
    public void setNextFireAt(Map<UUID, Instant> next) {
        if (next.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        next.forEach((id, at) -> rows.add(new Object[]{at == null ? null : Timestamp.from(at), id}));
        jdbc.batchUpdate("update device_status set next_fire_at = ? where device_id = ?", rows);
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
        return jdbc.query("select " + STATUS_COLUMNS + " from device_status" + where
                + " order by seized_at desc, device_id limit ? offset ?", STATUS, args.toArray());
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
                select %s from device_status
                where held and lab = ? and stage = any(?)%s
                order by time_sensitive desc, enhanced desc, next_due_at asc nulls last, seized_at asc, device_id
                limit ?""".formatted(STATUS_COLUMNS, forceFilter), STATUS, args.toArray());
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

    /** Whether the lab holds any device, of {@code force} when not null: a lab's queue exists for those who see one. */
    public boolean labHolds(String lab, String force) {
        return Boolean.TRUE.equals(force == null
                ? jdbc.queryForObject("select exists(select 1 from device_status where held and lab = ?)",
                Boolean.class, lab)
                : jdbc.queryForObject("select exists(select 1 from device_status where held and lab = ? and force = ?)",
                Boolean.class, lab, force));
    }

    private static String where(Search s, List<Object> args) {
        Where where = Where.appendingTo(args).equal("force", s.force()).equal("lab", s.lab())
                .equal("stage", s.stage()).equal("owner_role", s.ownerRole())
                .equal("case_reference", s.caseReference()).equal("seized_by", s.seizedBy()).equal("held", s.held());
        if (s.overdueAt() != null) {
            where.and("held and next_due_at <= ?", s.overdueAt());
        }
        if (s.needsAttention() != null) {
            where.and(s.needsAttention() ? NEEDS_ATTENTION : "not " + NEEDS_ATTENTION);
        }
        return " where true" + where;
    }
}
