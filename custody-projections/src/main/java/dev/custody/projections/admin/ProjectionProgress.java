package dev.custody.projections.admin;

import dev.custody.projections.device.DeviceProjector;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * How far the projection has got, read from the shared token store so every node sees every node's progress.
 * <p>
 * The alert engine raises alerts only when the projection has caught up: during a rebuild, or while a node is
 * behind, open deadlines still include ones that later events close, and raising them would be false alarms.
 */
@Component
public class ProjectionProgress {

    /** One segment's claim and position. */
    public record SegmentProgress(int segment, Long position, String owner, boolean replaying) {
    }

    /** The processor's progress against the head of the event store. */
    public record Progress(String processor, long head, List<SegmentProgress> segments) {

        /**
         * True when every segment has processed every event up to {@code head}. A segment may still say it is
         * replaying at the head: Axon drops the replay marker only when the first event after the reset point
         * arrives.
         */
        public boolean caughtUpWith(long head) {
            return !segments.isEmpty() && segments.stream()
                    .allMatch(s -> s.position() != null && s.position() >= head);
        }

        public boolean caughtUp() {
            return caughtUpWith(head);
        }

        /** True while some segment is still behind the position the rebuild started from. */
        public boolean replaying() {
            return !caughtUp() && segments.stream().anyMatch(SegmentProgress::replaying);
        }

        /** Events between the head and the slowest segment. */
        public long lagEvents() {
            long slowest = segments.stream().mapToLong(s -> s.position() == null ? -1 : s.position()).min().orElse(-1);
            return Math.max(0, head - slowest);
        }
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventStore eventStore;

    ProjectionProgress(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer, EventStore eventStore) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.eventStore = eventStore;
    }

    public Progress progress() {
        return progress(DeviceProjector.PROCESSING_GROUP);
    }

    public Progress progress(String processor) {
        long head = headPosition();
        List<SegmentProgress> segments = jdbc.query(
                "select segment, token, token_type, owner from token_entry where processor_name = ? order by segment",
                (rs, i) -> {
                    TrackingToken token = token(rs.getBytes(2), rs.getString(3));
                    Long position = token == null ? null
                            : token.position().isPresent() ? token.position().getAsLong() : null;
                    return new SegmentProgress(rs.getInt(1), position, rs.getString(4), ReplayToken.isReplay(token));
                }, processor);
        return new Progress(processor, head, segments);
    }

    /**
     * True while a rebuild has paused live processing (it was far behind when the rebuild began): the live read
     * models stand still until the rebuilt ones replace them.
     */
    public boolean livePausedForRebuild() {
        return Boolean.TRUE.equals(jdbc.query("select pause_live and state <> 'LIVE' from projection_control "
                        + "where processor = ?", rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE,
                DeviceProjector.PROCESSING_GROUP));
    }

    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null || head.position().isEmpty() ? -1 : head.position().getAsLong();
    }

    private TrackingToken token(byte[] bytes, String type) {
        if (bytes == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
    }
}
