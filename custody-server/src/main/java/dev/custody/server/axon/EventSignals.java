package dev.custody.server.axon;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells event streams that new events may be in the store, so processors react in milliseconds instead of polling.
 * <p>
 * Signals come from three places: this node's own commits (immediately after the transaction commits), every
 * node's commits through PostgreSQL {@code LISTEN/NOTIFY} (a statement trigger on the event table), and a timer as
 * the safety net. A signal is only a hint: a stream that is woken checks the store itself, so a lost notification
 * costs at most one safety-net interval, never an event.
 */
@Component
public class EventSignals implements SmartLifecycle {

    static final String CHANNEL = "custody_events";
    private static final Logger log = LoggerFactory.getLogger(EventSignals.class);

    private final DataSource dataSource;
    private final Duration safetyNet;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signalled = lock.newCondition();
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ExecutorService callbackRunner = Executors.newSingleThreadExecutor(r -> daemon(r, "event-signals"));
    private volatile long generation;
    private volatile boolean running;
    private Thread listener;
    private Thread timer;

    EventSignals(DataSource dataSource, @Value("${custody.events.safety-poll:PT1S}") Duration safetyNet) {
        this.dataSource = dataSource;
        this.safetyNet = safetyNet;
    }

    /** New events may be available: wake every waiting stream and run every registered callback. */
    public void signal() {
        lock.lock();
        try {
            generation++;
            signalled.signalAll();
        } finally {
            lock.unlock();
        }
        if (!callbacks.isEmpty()) {
            callbackRunner.execute(() -> callbacks.forEach(EventSignals::runQuietly));
        }
    }

    long generation() {
        return generation;
    }

    /** Waits until a signal after {@code seenGeneration}, or the timeout. */
    void await(long seenGeneration, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (generation == seenGeneration && remaining > 0) {
                remaining = signalled.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    void register(Runnable callback) {
        callbacks.add(callback);
    }

    void unregister(Runnable callback) {
        callbacks.remove(callback);
    }

    @Override
    public void start() {
        running = true;
        listener = daemon(this::listen, "event-signals-listen");
        listener.start();
        timer = daemon(this::tick, "event-signals-timer");
        timer.start();
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        if (timer != null) {
            timer.interrupt();
        }
        callbackRunner.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the event processors and stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void tick() {
        while (running) {
            try {
                Thread.sleep(safetyNet.toMillis());
                signal();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                backoff = 500;
                while (running) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Listening for new events failed; polling every {} until it is back: {}", safetyNet, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.debug("An event-availability callback failed", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
