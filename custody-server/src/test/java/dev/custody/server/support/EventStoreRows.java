package dev.custody.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes events straight into {@code domain_event_entry}, past every check of the command side, as a careless
 * migration or a hand-edited row would: the way a test puts a poison event in the store.
 */
public final class EventStoreRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The processors' segments split devices by the hash of the aggregate identifier (Axon's default policy). */
    public static final int SEGMENTS = 4;

    private final JdbcTemplate jdbc;

    public EventStoreRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The segment of {@value #SEGMENTS} a device's events are processed in. */
    public static int segmentOf(String deviceId) {
        return deviceId.hashCode() & (SEGMENTS - 1);
    }

    /** A new random device id whose events fall in {@code segment}. */
    public static String deviceIdInSegment(int segment) {
        while (true) {
            String id = UUID.randomUUID().toString();
            if (segmentOf(id) == segment) {
                return id;
            }
        }
    }

    /**
     * Copies the event at {@code sequence} of {@code templateDevice} as the event at the same sequence of a new
     * device, with {@code change} applied to its JSON payload first.
     *
     * @return the new event's global index
     */
    public long copy(String templateDevice, long sequence, String newDevice, Consumer<ObjectNode> change) {
        Map<String, Object> row = jdbc.queryForMap("select payload, meta_data, payload_type, payload_revision, type, "
                + "time_stamp from domain_event_entry where aggregate_identifier = ? and sequence_number = ?",
                templateDevice, sequence);
        ObjectNode payload = (ObjectNode) read((byte[]) row.get("payload"));
        payload.put("deviceId", newDevice);
        change.accept(payload);
        return insert(newDevice, sequence, bytes(payload), (byte[]) row.get("meta_data"),
                (String) row.get("payload_type"), (String) row.get("payload_revision"), (String) row.get("type"),
                (String) row.get("time_stamp"));
    }

    /** Inserts a row as Axon would, with the payload bytes given as they are. */
    public long insert(String device, long sequence, byte[] payload, byte[] metaData, String payloadType,
                       String payloadRevision, String type, String timeStamp) {
        Long index = jdbc.queryForObject("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning global_index""", Long.class,
                device, sequence, type, UUID.randomUUID().toString(), metaData, payload, payloadRevision, payloadType,
                timeStamp);
        return index == null ? -1 : index;
    }

    /**
     * Replaces an event's payload, as a DBA repairing a poison event would. The event table may refuse updates
     * through a trigger; replica mode skips ordinary triggers for this one statement's session.
     */
    public void repair(long globalIndex, Consumer<ObjectNode> change) {
        byte[] stored = jdbc.queryForObject("select payload from domain_event_entry where global_index = ?",
                byte[].class, globalIndex);
        ObjectNode payload = (ObjectNode) read(stored);
        change.accept(payload);
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (var replica = c.createStatement();
                 var update = c.prepareStatement("update domain_event_entry set payload = ? where global_index = ?")) {
                replica.execute("set local session_replication_role = replica");
                update.setBytes(1, bytes(payload));
                update.setLong(2, globalIndex);
                update.executeUpdate();
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    public static JsonNode read(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
