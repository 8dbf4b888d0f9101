package dev.custody.processing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The events every processor set aside: one that still fails after its bounded retries is quarantined here, so
 * processing goes on for every other device, until an admin retries it once the cause is fixed (see
 * docs/operations.md, "Quarantined events"). The event store processors hold the device's later events behind it;
 * the notifier handles them.
 * <p>
 * Quarantining counts {@value #METRIC} (Prometheus {@code custody_events_quarantined_total}) tagged by processor and
 * logs an ERROR naming the event: that log line, the counter's alert rule and the admin endpoints are how admins
 * hear of it.
 * <p>
 * Whether a device is held is decided under a transaction-scoped advisory lock per processor and device
 * ({@link #lockDevice}), taken both by a processor about to skip one of the device's events and by a retry about to
 * release the device, so an event can never be skipped after the retry that would have applied it has finished.
 */
@Repository
public class Quarantine {

    /** Micrometer name of the counter; Prometheus adds {@code _total}. */
    public static final String METRIC = "custody.events.quarantined";

    public static final String QUARANTINED = "QUARANTINED";
    public static final String RESOLVED = "RESOLVED";

    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);

    /** Where a failing event came from: a position in the event store, or a consumed record. */
    public record Source(String processor, String deviceId, Long globalIndex, Long sequenceNumber, String eventId,
                         String eventType, String topic, Integer partition, Long offset, String payload) {

        /** An event of the event store. */
        public static Source event(String processor, String deviceId, long globalIndex, Long sequenceNumber,
                                   String eventId, String eventType) {
            return new Source(processor, deviceId, globalIndex, sequenceNumber, eventId, eventType, null, null, null,
                    null);
        }

        /** A consumed Kafka record, kept whole: the broker's copy may be gone by the time it is retried. */
        public static Source record(String processor, String key, String topic, int partition, long offset,
                                    String eventId, String value) {
            return new Source(processor, key, null, null, eventId, null, topic, partition, offset, value);
        }

        @Override
        public String toString() {
            return processor + (globalIndex != null ? " event #" + globalIndex : " record " + topic + "-" + partition
                    + "@" + offset) + (deviceId == null ? "" : " of device " + deviceId);
        }
    }

    /** A quarantine row, without the stored record. */
    public record Entry(UUID id, String processor, String state, String deviceId, Long globalIndex,
                        Long sequenceNumber, String eventId, String eventType, String topic, Integer partition,
                        Long offset, String errorClass, String errorMessage, int attempts, Instant quarantinedAt,
                        Instant lastAttemptAt, Instant resolvedAt, String resolvedBy, String resolution) {
    }

    private static final String COLUMNS = "quarantine_id, processor, state, device_id, global_index, "
            + "sequence_number, event_id, event_type, source_topic, source_partition, source_offset, error_class, "
            + "error_message, attempts, quarantined_at, last_attempt_at, resolved_at, resolved_by, resolution";

    private static final RowMapper<Entry> ENTRY = (rs, i) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2),
            rs.getString(3), rs.getString(4), (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getString(7),
            rs.getString(8), rs.getString(9), (Integer) rs.getObject(10), (Long) rs.getObject(11), rs.getString(12),
            rs.getString(13), rs.getInt(14), instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)),
            instant(rs.getTimestamp(17)), rs.getString(18), rs.getString(19));

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Clock clock;

    public Quarantine(JdbcTemplate jdbc, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
    }

    /** Registers the processor's counter at zero, so dashboards and alert rules see it before the first quarantine. */
    public void registerProcessor(String processor) {
        counter(processor);
    }

    /**
     * Quarantines a failing event or record. Quarantining an event that is already quarantined by this processor (a
     * rebuild meeting it again) only adds the attempts, and counts nothing.
     *
     * @return the quarantine row
     */
    public Entry quarantine(Source source, Throwable failure, int attempts) {
        Faults.Described error = Faults.describe(failure);
        Timestamp now = Timestamp.from(clock.instant());
        UUID id = UUID.randomUUID();
        List<Boolean> inserted = jdbc.queryForList("""
                insert into quarantined_event (quarantine_id, processor, state, device_id, global_index,
                    sequence_number, event_id, event_type, source_topic, source_partition, source_offset, payload,
                    error_class, error_message, attempts, quarantined_at, last_attempt_at)
                values (?, ?, 'QUARANTINED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (processor, global_index) where state = 'QUARANTINED' and global_index is not null
                do update set attempts = quarantined_event.attempts + excluded.attempts,
                    error_class = excluded.error_class, error_message = excluded.error_message,
                    last_attempt_at = excluded.last_attempt_at
                returning xmax = 0""", Boolean.class,
                id, source.processor(), source.deviceId(), source.globalIndex(), source.sequenceNumber(),
                source.eventId(), source.eventType(), source.topic(), source.partition(), source.offset(),
                source.payload(), error.errorClass(), error.message(), attempts, now, now);
        if (!inserted.isEmpty() && Boolean.TRUE.equals(inserted.get(0))) {
            afterCommit(() -> {
                counter(source.processor()).increment();
                log.error("QUARANTINED {} after {} attempt(s): {}. Processing goes on without it; see GET "
                        + "/api/v1/admin/quarantine and retry it once the cause is fixed.", source, attempts, error);
            });
        }
        return findOpen(source).orElseThrow();
    }

    /** The devices among these with an event quarantined by this processor: their later events must wait. */
    public Set<String> heldDevices(String processor, Collection<String> devices) {
        if (devices.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("select distinct device_id from quarantined_event "
                        + "where device_id = any(?) and processor = ? and state = 'QUARANTINED'", String.class,
                devices.toArray(String[]::new), processor));
    }

    /**
     * Under the device's lock (so in a transaction), the quarantined event that holds the device's later events for
     * this processor, if any.
     */
    public Optional<UUID> holding(String processor, String device) {
        lockDevice(processor, device);
        return jdbc.queryForList("select quarantine_id from quarantined_event where device_id = ? and processor = ? "
                + "and state = 'QUARANTINED' order by quarantined_at limit 1", UUID.class, device, processor)
                .stream().findFirst();
    }

    /** Serialises holding and releasing one device's events: a transaction-scoped advisory lock. */
    public void lockDevice(String processor, String device) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtext(?), hashtext(?))::text", String.class, processor,
                device);
    }

    public Optional<Entry> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from quarantined_event where quarantine_id = ?", ENTRY, id)
                .stream().findFirst();
    }

    /** The stored value of a quarantined Kafka record. */
    public Optional<String> payload(UUID id) {
        return jdbc.queryForList("select payload from quarantined_event where quarantine_id = ?", String.class, id)
                .stream().findFirst();
    }

    /**
     * Rows newest first.
     *
     * @param processor null for every processor
     * @param states    the states to list, e.g. QUARANTINED
     */
    public List<Entry> list(String processor, Collection<String> states, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from quarantined_event where state = any(?)");
        args.add(states.toArray(String[]::new));
        if (processor != null) {
            sql.append(" and processor = ?");
            args.add(processor);
        }
        sql.append(" order by quarantined_at desc, quarantine_id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ENTRY, args.toArray());
    }

    /** Quarantined events of a processor, for the admin status. */
    public long openCount(String processor) {
        Long n = jdbc.queryForObject("select count(*) from quarantined_event where processor = ? "
                + "and state = 'QUARANTINED'", Long.class, processor);
        return n == null ? 0 : n;
    }

    /** The event was applied at last, by a retry or a rebuild. */
    public void resolve(UUID id, String by, String resolution) {
        jdbc.update("update quarantined_event set state = 'RESOLVED', resolved_at = ?, resolved_by = ?, "
                        + "resolution = ? where quarantine_id = ? and state <> 'RESOLVED'",
                Timestamp.from(clock.instant()), by, resolution, id);
    }

    /** A retry failed again: the row stays quarantined, with the new error. */
    public void failedAgain(UUID id, Throwable failure) {
        Faults.Described error = Faults.describe(failure);
        jdbc.update("update quarantined_event set attempts = attempts + 1, error_class = ?, error_message = ?, "
                        + "last_attempt_at = ? where quarantine_id = ?", error.errorClass(), error.message(),
                Timestamp.from(clock.instant()), id);
    }

    private Optional<Entry> findOpen(Source source) {
        if (source.globalIndex() != null) {
            return jdbc.query("select " + COLUMNS + " from quarantined_event where processor = ? "
                            + "and global_index = ? and state = 'QUARANTINED'", ENTRY, source.processor(),
                    source.globalIndex()).stream().findFirst();
        }
        return jdbc.query("select " + COLUMNS + " from quarantined_event where processor = ? and source_topic = ? "
                        + "and source_partition = ? and source_offset = ? order by quarantined_at desc limit 1", ENTRY,
                source.processor(), source.topic(), source.partition(), source.offset()).stream().findFirst();
    }

    /** Counts and tells only what was recorded: after the surrounding transaction commits, if there is one. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private Counter counter(String processor) {
        return Counter.builder(METRIC).description("Events set aside by a processor after failing again and again")
                .tag("processor", processor).register(meters);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
