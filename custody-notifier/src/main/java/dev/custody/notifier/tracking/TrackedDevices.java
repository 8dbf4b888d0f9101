package dev.custody.notifier.tracking;

import static dev.custody.notifier.Sql.instant;
import static dev.custody.notifier.Sql.ts;

import dev.custody.notifier.NotifierRole;
import dev.custody.values.ContactReference;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.OwnerRole;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code notifier_device} table. Callers hold the transaction. */
@Repository
@NotifierRole
public class TrackedDevices {

    private static final RowMapper<TrackedDevice> ROW = (rs, i) -> new TrackedDevice(
            new DeviceId(rs.getObject("device_id", UUID.class)),
            new ForceCode(rs.getString("force")),
            rs.getString("contact_reference") == null ? null : new ContactReference(rs.getString("contact_reference")),
            OwnerRole.valueOf(rs.getString("owner_role")),
            rs.getInt("seizure_number"),
            rs.getInt("update_every_days"),
            instant(rs, "seized_at"),
            instant(rs, "last_update_at"),
            instant(rs, "next_update_due"),
            instant(rs, "returned_at"));

    private final NamedParameterJdbcTemplate jdbc;

    TrackedDevices(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<TrackedDevice> find(DeviceId deviceId) {
        return jdbc.query("select * from notifier_device where device_id = :id",
                new MapSqlParameterSource("id", deviceId.value()), ROW).stream().findFirst();
    }

    /** A first seizure or a re-seizure: the device is held again, under the details of this seizure. */
    public void seized(TrackedDevice device) {
        jdbc.update("""
                insert into notifier_device (device_id, force, contact_reference, owner_role, seizure_number,
                    update_every_days, seized_at, last_update_at, next_update_due, returned_at)
                values (:id, :force, :contact, :role, :seizure, :every, :seizedAt, :lastUpdate, :nextDue, null)
                on conflict (device_id) do update set force = excluded.force,
                    contact_reference = excluded.contact_reference, owner_role = excluded.owner_role,
                    seizure_number = excluded.seizure_number, update_every_days = excluded.update_every_days,
                    seized_at = excluded.seized_at, next_update_due = excluded.next_update_due, returned_at = null
                where notifier_device.seizure_number <= excluded.seizure_number
                """, new MapSqlParameterSource()
                .addValue("id", device.deviceId().value())
                .addValue("force", device.force().value())
                .addValue("contact", device.contactReference() == null ? null : device.contactReference().value())
                .addValue("role", device.ownerRole().name())
                .addValue("seizure", device.seizureNumber())
                .addValue("every", device.updateEveryDays())
                .addValue("seizedAt", ts(device.seizedAt()))
                .addValue("lastUpdate", ts(device.lastUpdateAt()))
                .addValue("nextDue", ts(device.nextUpdateDue())));
    }

    public void returned(DeviceId deviceId, Instant returnedAt) {
        jdbc.update("update notifier_device set returned_at = :at, next_update_due = null where device_id = :id",
                new MapSqlParameterSource().addValue("id", deviceId.value()).addValue("at", ts(returnedAt)));
    }

    /** The victim heard from us (or from an officer) at {@code at}: the next regular update is due from then. */
    public void updated(DeviceId deviceId, Instant at) {
        jdbc.update("""
                update notifier_device
                set last_update_at = greatest(coalesce(last_update_at, :at), :at),
                    next_update_due = case when returned_at is null
                        then greatest(coalesce(last_update_at, :at), :at) + make_interval(days => update_every_days)
                        else null end
                where device_id = :id
                """, new MapSqlParameterSource().addValue("id", deviceId.value()).addValue("at", ts(at)));
    }

    /** Held devices whose regular update is due, oldest first. */
    public List<TrackedDevice> updatesDue(Instant now, Collection<String> ownerRoles, int limit) {
        return jdbc.query("""
                select * from notifier_device
                where returned_at is null and next_update_due <= :now and contact_reference is not null
                  and owner_role in (:roles)
                order by next_update_due limit :limit
                """, new MapSqlParameterSource().addValue("now", ts(now)).addValue("roles", ownerRoles)
                .addValue("limit", limit), ROW);
    }

    /** Moves the next regular update on, so the scheduler does not plan the same one twice. */
    public void nextUpdateDue(DeviceId deviceId, Instant due) {
        jdbc.update("update notifier_device set next_update_due = :due where device_id = :id and returned_at is null",
                new MapSqlParameterSource().addValue("id", deviceId.value()).addValue("due", ts(due)));
    }

    /** Every device linked to a contact: what its erasure waits for. */
    public List<TrackedDevice> linkedTo(ContactReference reference) {
        return jdbc.query("select * from notifier_device where contact_reference = :ref",
                new MapSqlParameterSource("ref", reference.value()), ROW);
    }

}
