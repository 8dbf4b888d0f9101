package dev.custody.notifier.sendlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.template.Template;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.custody.notifier.Sql.instant;
import static dev.custody.notifier.Sql.ts;

/**
 * The send log in {@code notifier_send_log}: one row per reason, which makes it both the guard against duplicates and
 * the durable queue of messages still to send. Rows are claimed with a lease and {@code SKIP LOCKED}, so several
 * nodes can dispatch without sending one message twice.
 */
@Repository
@NotifierRole
public class SendLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private static final RowMapper<OutgoingMessage> ROW = (rs, i) -> new OutgoingMessage(
            rs.getObject("id", UUID.class),
            rs.getString("source_event_id"),
            rs.getString("recipient"),
            Template.byFileName(rs.getString("template")),
            rs.getObject("device_id") == null ? null : new DeviceId(rs.getObject("device_id", UUID.class)),
            new ForceCode(rs.getString("force")),
            params(rs.getString("params")),
            rs.getString("source_topic"),
            rs.getString("source_key"),
            rs.getString("source_value"),
            SendStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            instant(rs, "next_attempt_at"),
            instant(rs, "held_since"),
            rs.getString("channel"),
            rs.getString("recorded_channel"),
            rs.getString("language"),
            rs.getString("outcome_reason"),
            rs.getString("provider_reference"),
            instant(rs, "created_at"),
            instant(rs, "settled_at"),
            rs.getString("record_state"),
            rs.getInt("record_attempts"));

    private final NamedParameterJdbcTemplate jdbc;

    SendLog(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a reason to send; false when that reason was already logged (a redelivery). */
    public boolean plan(PlannedMessage m, Instant now) {
        return jdbc.update("""
                insert into notifier_send_log (id, source_event_id, recipient, template, device_id, force, params,
                    source_topic, source_key, source_value, status, next_attempt_at, created_at)
                values (:id, :source, :recipient, :template, :device, :force, :params, :topic, :key, :value,
                    'PENDING', :now, :now)
                on conflict (source_event_id, recipient, template) do nothing
                """, new MapSqlParameterSource()
                .addValue("id", UUID.randomUUID())
                .addValue("source", m.sourceEventId())
                .addValue("recipient", m.recipient())
                .addValue("template", m.template().fileName())
                .addValue("device", m.deviceId() == null ? null : m.deviceId().value())
                .addValue("force", m.force().value())
                .addValue("params", json(m.params()))
                .addValue("topic", m.sourceTopic())
                .addValue("key", m.sourceKey())
                .addValue("value", m.sourceValue())
                .addValue("now", ts(now))) == 1;
    }

    /** Claims due messages for this node until {@code now + lease}. */
    public List<OutgoingMessage> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.query("""
                update notifier_send_log set lease_until = :leaseUntil
                where id in (select id from notifier_send_log
                             where status = 'PENDING' and next_attempt_at <= :now
                               and (lease_until is null or lease_until < :now)
                             order by next_attempt_at limit :limit for update skip locked)
                returning *
                """, new MapSqlParameterSource().addValue("now", ts(now)).addValue("leaseUntil", ts(now.plus(lease)))
                .addValue("limit", limit), ROW);
    }

    /**
     * The message went out. A victim message is then due to be recorded as VictimNotified; the sender tries that at
     * once and owns it until {@code recordLeaseUntil}, after which any node retries it.
     */
    public void sent(UUID id, Instant now, String channel, String recordedChannel, String language,
                     String providerReference, boolean recordVictimNotified, Instant recordLeaseUntil) {
        jdbc.update("""
                update notifier_send_log set status = 'SENT', attempts = attempts + 1, settled_at = :now,
                    channel = :channel, recorded_channel = :recordedChannel, language = :language, provider_reference = :provider, lease_until = null,
                    outcome_reason = null, source_value = null,
                    record_state = case when :victim then 'PENDING' end,
                    next_record_at = case when :victim then :recordLeaseUntil end
                where id = :id
                """, new MapSqlParameterSource().addValue("id", id).addValue("now", ts(now))
                .addValue("channel", channel).addValue("recordedChannel", recordedChannel)
                .addValue("language", language).addValue("provider", providerReference)
                .addValue("victim", recordVictimNotified).addValue("recordLeaseUntil", ts(recordLeaseUntil)));
    }

    /** Deliberately not sent (do not contact, no details, no channel): recorded, never retried. */
    public void skipped(UUID id, Instant now, String reason) {
        jdbc.update("""
                update notifier_send_log set status = 'SKIPPED', settled_at = :now, outcome_reason = :reason,
                    lease_until = null, source_value = null
                where id = :id
                """, new MapSqlParameterSource().addValue("id", id).addValue("now", ts(now)).addValue("reason", reason));
    }

    /** Outside the person's safe hours: waits, persisted, until they open. */
    public void hold(UUID id, Instant now, Instant until) {
        jdbc.update("""
                update notifier_send_log set next_attempt_at = :until, held_since = coalesce(held_since, :now),
                    lease_until = null
                where id = :id
                """, new MapSqlParameterSource().addValue("id", id).addValue("now", ts(now)).addValue("until", ts(until)));
    }

    public void retryLater(UUID id, int attempts, Instant next, String reason) {
        jdbc.update("""
                update notifier_send_log set attempts = :attempts, next_attempt_at = :next, outcome_reason = :reason,
                    lease_until = null
                where id = :id
                """, new MapSqlParameterSource().addValue("id", id).addValue("attempts", attempts)
                .addValue("next", ts(next)).addValue("reason", reason));
    }

    public void dead(UUID id, Instant now, int attempts, String reason) {
        jdbc.update("""
                update notifier_send_log set status = 'DEAD', attempts = :attempts, settled_at = :now,
                    outcome_reason = :reason, lease_until = null, source_value = null
                where id = :id
                """, new MapSqlParameterSource().addValue("id", id).addValue("now", ts(now))
                .addValue("attempts", attempts).addValue("reason", reason));
    }

    /** Everything still waiting for a person whose details were erased is dropped. */
    public int skipPendingFor(String recipient, Instant now, String reason) {
        return jdbc.update("""
                update notifier_send_log set status = 'SKIPPED', settled_at = :now, outcome_reason = :reason,
                    lease_until = null, source_value = null
                where recipient = :recipient and status = 'PENDING'
                """, new MapSqlParameterSource().addValue("recipient", recipient).addValue("now", ts(now))
                .addValue("reason", reason));
    }

    /** Sent victim messages whose VictimNotified is still to be recorded, claimed for {@code lease}. */
    public List<OutgoingMessage> claimRecordsDue(Instant now, Duration lease, int limit) {
        return jdbc.query("""
                update notifier_send_log set next_record_at = :leaseUntil
                where id in (select id from notifier_send_log
                             where record_state = 'PENDING' and next_record_at <= :now
                             order by next_record_at limit :limit for update skip locked)
                returning *
                """, new MapSqlParameterSource().addValue("now", ts(now)).addValue("leaseUntil", ts(now.plus(lease)))
                .addValue("limit", limit), ROW);
    }

    public void recorded(UUID id) {
        jdbc.update("update notifier_send_log set record_state = 'RECORDED', record_attempts = record_attempts + 1, "
                + "next_record_at = null, outcome_reason = null where id = :id", new MapSqlParameterSource("id", id));
    }

    public void recordLater(UUID id, int attempts, Instant next, String reason) {
        jdbc.update("update notifier_send_log set record_attempts = :attempts, next_record_at = :next, "
                + "outcome_reason = :reason where id = :id", new MapSqlParameterSource().addValue("id", id)
                .addValue("attempts", attempts).addValue("next", ts(next)).addValue("reason", reason));
    }

    public void recordFailed(UUID id, int attempts, String reason) {
        jdbc.update("update notifier_send_log set record_state = 'FAILED', record_attempts = :attempts, "
                + "next_record_at = null, outcome_reason = :reason where id = :id", new MapSqlParameterSource()
                .addValue("id", id).addValue("attempts", attempts).addValue("reason", reason));
    }

    /** When the longest-held message started waiting for safe hours. */
    public Optional<Instant> oldestHeldSince() {
        return Optional.ofNullable(jdbc.query(
                "select min(held_since) as oldest from notifier_send_log where status = 'PENDING' and held_since is not null",
                rs -> rs.next() ? instant(rs, "oldest") : null));
    }

    /** The last message delivered to {@code recipient} about a device: what the status page says we last told them. */
    public Optional<OutgoingMessage> lastSent(String recipient, DeviceId deviceId) {
        return jdbc.query("""
                select * from notifier_send_log
                where device_id = :device and recipient = :recipient and status = 'SENT'
                order by settled_at desc, created_at desc limit 1
                """, new MapSqlParameterSource().addValue("device", deviceId.value()).addValue("recipient", recipient),
                ROW).stream().findFirst();
    }

    public List<OutgoingMessage> forDevice(DeviceId deviceId) {
        return jdbc.query("select * from notifier_send_log where device_id = :id order by created_at, id",
                new MapSqlParameterSource("id", deviceId.value()), ROW);
    }

    public List<OutgoingMessage> forRecipient(String recipient) {
        return jdbc.query("select * from notifier_send_log where recipient = :r order by created_at, id",
                new MapSqlParameterSource("r", recipient), ROW);
    }

    private static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(String json) {
        try {
            return JSON.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable params in the send log", e);
        }
    }
}
