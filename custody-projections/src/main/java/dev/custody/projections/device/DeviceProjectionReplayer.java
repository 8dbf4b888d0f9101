package dev.custody.projections.device;

import dev.custody.events.DeviceEvent;
import dev.custody.processing.Faults;
import dev.custody.processing.Quarantine;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Rebuilds the read models from the whole event store, fast, through the very code live processing uses, into the
 * rebuild tables beside the live ones ({@link RebuildTables}).
 * <p>
 * Axon's pooled processor hands a replay to its segments one event at a time and pauses whenever a segment's
 * buffer is full, which caps a rebuild at a few thousand events a second. This replayer streams the store in large
 * chunks (a reader thread keeps the next chunk ready), splits each chunk by device over worker threads, and has each
 * worker fold its part into a {@link ProjectionBatch} and write it in one transaction. A device's events always go
 * to the same worker and chunks are applied in order, so each device sees its events in sequence, exactly as live.
 * <p>
 * A poison event does not stop a rebuild. When a part fails for a reason other than a transient fault, it is written
 * again device by device, and a failing device event by event: the events before the poison are applied, the poison
 * is recorded as quarantined, and the device's later events wait behind it, as live processing does. A transient
 * fault (the database away) fails the rebuild, which leaves the live tables serving.
 */
@Component
public class DeviceProjectionReplayer {

    private static final Logger log = LoggerFactory.getLogger(DeviceProjectionReplayer.class);

    /** What a replay did, and the position live processing continues from. */
    public record Result(long events, TrackingToken lastToken) {
    }

    /** A poison event met by the replay: quarantined once the rebuild is swapped in. */
    public record Poison(Quarantine.Source source, Throwable error) {
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

    /** A new replay into the (prepared) rebuild tables; run it, then run it again from where it stopped to catch up. */
    public Replay replay() {
        return new Replay();
    }

    /** One rebuild's replay: the poisons it met, and the devices held behind them, last across its runs. */
    public final class Replay {

        private final List<Poison> poisons = new CopyOnWriteArrayList<>();
        private final Set<String> held = ConcurrentHashMap.newKeySet();

        private Replay() {
        }

        /** The poison events met so far, in the order met. */
        public List<Poison> poisons() {
            return List.copyOf(poisons);
        }

        /**
         * Replays every stored event after {@code from} (null: from the start), and then whatever arrived meanwhile,
         * until a read finds nothing new.
         *
         * @param progress told the number of events replayed so far after each chunk
         */
        public Result run(TrackingToken from, LongConsumer progress) throws InterruptedException {
            BlockingQueue<List<TrackedEventMessage<?>>> chunks = new ArrayBlockingQueue<>(2);
            List<TrackedEventMessage<?>> end = List.of();
            Thread reader = new Thread(() -> read(from, chunks, end), "projection-replay-reader");
            reader.setDaemon(true);
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "projection-replay-worker");
                t.setDaemon(true);
                return t;
            });
            long events = 0;
            TrackingToken last = from;
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
            log.info("Replayed {} events into the rebuild tables", events);
            return new Result(events, last);
        }

        /** Splits the chunk by device over the workers; each writes its part in its own transaction. */
        private void apply(ExecutorService pool, List<TrackedEventMessage<?>> chunk) throws InterruptedException {
            List<List<TrackedEventMessage<?>>> parts = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                parts.add(new ArrayList<>(chunk.size() / workers + 16));
            }
            for (TrackedEventMessage<?> m : chunk) {
                if (m instanceof DomainEventMessage<?> d && !held.contains(d.getAggregateIdentifier())) {
                    parts.get(Math.floorMod(d.getAggregateIdentifier().hashCode(), workers)).add(m);
                }
            }
            List<Future<?>> done = new ArrayList<>(workers);
            for (List<TrackedEventMessage<?>> part : parts) {
                if (!part.isEmpty()) {
                    done.add(pool.submit(() -> applyPart(part)));
                }
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("replaying a chunk failed: " + Faults.describe(e.getCause()),
                            e.getCause());
                }
            }
        }

        private void applyPart(List<TrackedEventMessage<?>> part) {
            try {
                write(part);
            } catch (RuntimeException failure) {
                if (Faults.isTransient(failure)) {
                    throw failure;
                }
                log.warn("A chunk of the rebuild failed ({}); writing it device by device", Faults.describe(failure));
                Map<String, List<TrackedEventMessage<?>>> byDevice = new LinkedHashMap<>();
                for (TrackedEventMessage<?> m : part) {
                    byDevice.computeIfAbsent(((DomainEventMessage<?>) m).getAggregateIdentifier(),
                            k -> new ArrayList<>()).add(m);
                }
                byDevice.values().forEach(this::applyDevice);
            }
        }

        /** One device's events of a failed part: together if they can be, else one by one up to the poison. */
        private void applyDevice(List<TrackedEventMessage<?>> events) {
            try {
                write(events);
                return;
            } catch (RuntimeException failure) {
                if (Faults.isTransient(failure)) {
                    throw failure;
                }
            }
            for (TrackedEventMessage<?> event : events) {
                try {
                    write(List.of(event));
                } catch (RuntimeException failure) {
                    if (Faults.isTransient(failure)) {
                        throw failure;
                    }
                    DomainEventMessage<?> d = (DomainEventMessage<?>) event;
                    held.add(d.getAggregateIdentifier());
                    poisons.add(new Poison(Quarantine.Source.event(DeviceProjector.PROCESSING_GROUP,
                            d.getAggregateIdentifier(), event.trackingToken().position().orElse(-1),
                            d.getSequenceNumber(), d.getIdentifier(), typeOf(d)), failure));
                    log.warn("Rebuild: event #{} of device {} fails ({}); it will be quarantined and the device's "
                                    + "later events wait behind it", event.trackingToken().position().orElse(-1),
                            d.getAggregateIdentifier(), Faults.describe(failure));
                    return;
                }
            }
        }

        private void write(List<TrackedEventMessage<?>> events) {
            tx.executeWithoutResult(s -> fold(events));
        }
    }

    private void fold(List<TrackedEventMessage<?>> part) {
        // A rebuild that stops half way is thrown away, so its chunks need not wait for the disk.
        store.relaxDurabilityForThisTransaction();
        store.writeToRebuildTables();
        ProjectionBatch batch = new ProjectionBatch(store, deadlines, settings, true);
        List<UUID> ids = new ArrayList<>(part.size());
        for (TrackedEventMessage<?> m : part) {
            ids.add(UUID.fromString(((DomainEventMessage<?>) m).getAggregateIdentifier()));
        }
        batch.prefetch(ids);
        for (TrackedEventMessage<?> m : part) {
            if (m.getPayload() instanceof DeviceEvent event) {
                batch.apply(event, ((DomainEventMessage<?>) m).getSequenceNumber());
            }
        }
        batch.flush();
    }

    private static String typeOf(DomainEventMessage<?> event) {
        try {
            return event.getPayloadType().getName();
        } catch (RuntimeException unreadable) {
            return "unreadable";
        }
    }

    private void read(TrackingToken from, BlockingQueue<List<TrackedEventMessage<?>>> chunks,
                      List<TrackedEventMessage<?>> end) {
        TrackingToken token = from;
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
