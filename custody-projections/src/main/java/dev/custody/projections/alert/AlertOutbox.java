package dev.custody.projections.alert;

import dev.custody.events.AlertMessage;
import dev.custody.values.AlertRule;
import dev.custody.values.AlertSeverity;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.LabId;
import dev.custody.values.OwnerRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The alert log as an outbox for {@code custody.alerts.v1}: changes not yet published, oldest first.
 * <p>
 * One publisher at a time (a transaction-scoped advisory lock), so the topic sees each alert's changes in the
 * order they were logged. A change is marked published only after the broker acknowledged it; delivery is at
 * least once and the CloudEvents id ({@code alert-log-<id>}) lets consumers drop a repeat.
 */
@Component
public class AlertOutbox {

    private static final long PUBLISHER_LOCK = 0x637573746f6479L; // "custody"

    /** An alert change with the alert as it now stands. */
    public record AlertChange(long logId, String change, Instant at, String actor, AlertView alert) {

        /** The change's stable CloudEvents id: consumers drop a repeat by it. */
        public String messageId() {
            return "alert-log-" + logId;
        }

        /** The change as the contract's message on {@code custody.alerts.v1}. */
        public AlertMessage message() {
            AlertView a = alert;
            return new AlertMessage(a.alertId(), AlertRule.valueOf(a.rule()), AlertSeverity.valueOf(a.severity()),
                    new DeviceId(a.deviceId()), new ForceCode(a.force()),
                    a.ownerRole() == null ? null : OwnerRole.valueOf(a.ownerRole()),
                    a.lab() == null ? null : new LabId(a.lab()), a.seizureNumber(), a.dueAt(), a.raisedAt(),
                    AlertMessage.State.valueOf(a.state()),
                    a.resolution() == null ? null : AlertMessage.Resolution.valueOf(a.resolution()),
                    a.resolvedAt(), a.resolvedBy(), a.lateBySeconds(), a.acknowledgedBy(), a.acknowledgedAt(),
                    a.acknowledgeNote(), AlertMessage.Change.valueOf(change), at);
        }
    }

    private final JdbcTemplate jdbc;

    AlertOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run in a transaction; false when another node is publishing. */
    public boolean tryLockPublisher() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, PUBLISHER_LOCK);
        return Boolean.TRUE.equals(locked);
    }

    public List<AlertChange> unpublished(int limit) {
        return jdbc.query("""
                select l.id, l.change, l.at, l.actor, %s
                from alert_log l join alert a on a.alert_id = l.alert_id
                where l.published_at is null
                order by l.id
                limit ?""".formatted(prefixed()),
                (rs, i) -> new AlertChange(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), AlertStore.ALERT.mapRow(rs, i)), limit);
    }

    public void markPublished(List<Long> ids, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.update("update alert_log set published_at = ? where id = any(?)", Timestamp.from(at),
                    ids.toArray(Long[]::new));
        }
    }

    /** Unpublished changes: zero when Kafka keeps up. */
    public long backlog() {
        Long n = jdbc.queryForObject("select count(*) from alert_log where published_at is null", Long.class);
        return n == null ? 0 : n;
    }

    private static String prefixed() {
        StringBuilder s = new StringBuilder();
        for (String column : AlertStore.COLUMNS.split(",")) {
            if (!s.isEmpty()) {
                s.append(", ");
            }
            s.append("a.").append(column.trim());
        }
        return s.toString();
    }

}
