package dev.custody.server.axon;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event stream the streaming processors read: straight from the storage engine, woken by {@link EventSignals}.
 * <p>
 * Axon's embedded event store neither supports availability callbacks nor hears other nodes' commits before its
 * fetch delay, so a pooled processor on it sees a new event only after up to half a second (its own poll), and an
 * event from another node after up to a second more. This stream supports the callback, so a processor wakes as
 * soon as any node commits, and reads in batches, so a replay streams the store at full speed.
 */
public class SignalledEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final EventStorageEngine storage;
    private final EventStore eventStore;
    private final EventSignals signals;
    private final int batchSize;

    public SignalledEventSource(EventStorageEngine storage, EventStore eventStore, EventSignals signals, int batchSize) {
        this.storage = storage;
        this.eventStore = eventStore;
        this.signals = signals;
        this.batchSize = batchSize;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Stream_(trackingToken);
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    private final class Stream_ implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> buffer = new ArrayDeque<>();
        private TrackingToken lastToken;
        private Runnable callback;

        private Stream_(TrackingToken from) {
            this.lastToken = from;
        }

        /** Reads the next batch after the last token, if the buffer is empty. Never blocks. */
        private boolean fill() {
            if (!buffer.isEmpty()) {
                return true;
            }
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(lastToken, false)) {
                Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
                for (int i = 0; i < batchSize && it.hasNext(); i++) {
                    TrackedEventMessage<?> event = it.next();
                    buffer.add(event);
                    lastToken = event.trackingToken();
                }
            }
            return !buffer.isEmpty();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return fill() ? Optional.of(buffer.peek()) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable() {
            return fill();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                long seen = signals.generation();
                if (fill()) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                signals.await(seen, remaining);
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // wait for the next event; the processor interrupts this thread to stop
            }
            return buffer.poll();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                signals.unregister(this.callback);
            }
            this.callback = callback;
            signals.register(callback);
            return true;
        }

        @Override
        public void close() {
            if (callback != null) {
                signals.unregister(callback);
            }
            buffer.clear();
        }
    }
}
