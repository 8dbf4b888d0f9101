package dev.custody.projections.device;

import dev.custody.events.DeviceEvent;
import dev.custody.projections.deadline.DeadlineProperties;
import dev.custody.projections.deadline.Deadlines;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Rebuilds the read models from the whole event store, fast, through the very code live processing uses.
 * <p>
 * Axon's pooled processor hands a replay to its segments one event at a time and pauses whenever a segment's
 * buffer is full, which caps a rebuild at a few thousand events a second. This replayer streams the store in large
 * chunks (a reader thread keeps the next chunk ready), splits each chunk by device over worker threads, and has each
 * worker fold its part into a {@link ProjectionBatch} and write it in one transaction. A device's events always go
 * to the same worker and chunks are applied in order, so each device sees its events in sequence, exactly as live.
 * <p>
 * The caller must have stopped the {@code device-projection} processor on every node and emptied the read models;
 * it then sets the processor's tokens to the returned position so live processing carries on from there.
 */
@Component
public class DeviceProjectionReplayer {


    private static final Logger log = LoggerFactory.getLogger(DeviceProjectionReplayer.class);

    /** What a replay did, and the position live processing continues from. */
    public record Result(long events, TrackingToken lastToken) {
    }

    private final EventStorageEngine storage;
    private final ProjectionStore store;
    private final DeadlineProperties settings;
    private final TransactionTemplate tx;
    private final Deadlines deadlines = Deadlines.standard();
    private final int chunk;
    private final int workers;

    DeviceProjectionReplayer(EventStorageEngine storage, ProjectionStore store, DeadlineProperties settings,
                             TransactionTemplate tx,
                             @Value("${custody.projections.replay.chunk:10000}") int chunk,
                             @Value("${custody.projections.replay.workers:2}") int workers) {
        this.storage = storage;
        this.store = store;
        this.settings = settings;
        this.tx = tx;
        this.chunk = chunk;
        this.workers = workers;
    }

    /**
     * Replays every stored event from the start, and then whatever arrived meanwhile, until a read finds nothing new.
     *
     * @param progress told the number of events replayed so far after each chunk
     */
    public Result replay(LongConsumer progress) throws InterruptedException {
        BlockingQueue<List<TrackedEventMessage<?>>> chunks = new ArrayBlockingQueue<>(2);
        List<TrackedEventMessage<?>> end = List.of();
        Thread reader = new Thread(() -> read(chunks, end), "projection-replay-reader");
        reader.setDaemon(true);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "projection-replay-worker");
            t.setDaemon(true);
            return t;
        });
        long events = 0;
        TrackingToken last = null;
        reader.start();
        try {
            while (true) {
                List<TrackedEventMessage<?>> next = chunks.take();
                if (next == end) {
                    break;
                }
                if (next instanceof ReadFailure failure) {
                    throw failure.cause;
                }
                apply(pool, next);
                last = next.get(next.size() - 1).trackingToken();
                events += next.size();
                progress.accept(events);
            }
        } finally {
            reader.interrupt();
            pool.shutdownNow();
        }
        log.info("Replayed {} events into the read models", events);
        return new Result(events, last);
    }

    /** Splits the chunk by device over the workers; each writes its part in its own transaction. */
    private void apply(ExecutorService pool, List<TrackedEventMessage<?>> chunk) throws InterruptedException {
        List<List<DomainEventMessage<?>>> parts = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            parts.add(new ArrayList<>(chunk.size() / workers + 16));
        }
        for (TrackedEventMessage<?> m : chunk) {
            if (m instanceof DomainEventMessage<?> d) {
                parts.get(Math.floorMod(d.getAggregateIdentifier().hashCode(), workers)).add(d);
            }
        }
        List<Future<?>> done = new ArrayList<>(workers);
        for (List<DomainEventMessage<?>> part : parts) {
            if (!part.isEmpty()) {
                done.add(pool.submit(() -> tx.executeWithoutResult(s -> fold(part))));
            }
        }
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("replaying a chunk failed", e.getCause());
            }
        }
    }

    private void fold(List<DomainEventMessage<?>> part) {
        // A rebuild that stops half way is started again from scratch, so its chunks need not wait for the disk.
        store.relaxDurabilityForThisTransaction();
        ProjectionBatch batch = new ProjectionBatch(store, deadlines, settings, true);
        List<UUID> ids = new ArrayList<>(part.size());
        for (DomainEventMessage<?> m : part) {
            ids.add(UUID.fromString(m.getAggregateIdentifier()));
        }
        batch.prefetch(ids);
        for (DomainEventMessage<?> m : part) {
            if (m.getPayload() instanceof DeviceEvent event) {
                batch.apply(event, m.getSequenceNumber());
            }
        }
        batch.flush();
    }

    private void read(BlockingQueue<List<TrackedEventMessage<?>>> chunks, List<TrackedEventMessage<?>> end) {
        TrackingToken token = null;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<TrackedEventMessage<?>> next = new ArrayList<>(chunk);
                try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(token, false)) {
                    Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
                    while (next.size() < chunk && it.hasNext()) {
                        next.add(it.next());
                    }
                }
                if (next.isEmpty()) {
                    chunks.put(end);
                    return;
                }
                token = next.get(next.size() - 1).trackingToken();
                chunks.put(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            try {
                chunks.put(new ReadFailure(e));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A failed read, passed to the replaying thread in place of a chunk. */
    private static final class ReadFailure extends ArrayList<TrackedEventMessage<?>> {
        private final RuntimeException cause;

        ReadFailure(RuntimeException cause) {
            this.cause = cause;
        }
    }
}
