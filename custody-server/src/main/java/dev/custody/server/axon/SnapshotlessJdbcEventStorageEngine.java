package dev.custody.server.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.util.stream.Stream;

/**
 * Axon's JDBC event storage engine, minus the snapshot lookup that precedes every aggregate load.
 * <p>
 * Custody takes no snapshots: a custody record has tens of events, which load faster than a snapshot round trip
 * costs. Axon still queries {@code snapshot_event_entry} before each load, one extra statement per command on the
 * hot path; this engine skips it. Turning snapshots on ({@code custody.event-store.snapshots=true}) restores Axon's
 * own engine, and must come with a snapshot trigger on the aggregate.
 */
class SnapshotlessJdbcEventStorageEngine extends JdbcEventStorageEngine {

    SnapshotlessJdbcEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return Stream.empty();
    }
}
