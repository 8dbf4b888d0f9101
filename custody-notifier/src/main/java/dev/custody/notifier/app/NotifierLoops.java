package dev.custody.notifier.app;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.contact.ContactVault;
import dev.custody.notifier.inbox.RegularUpdates;
import dev.custody.notifier.sendlog.Dispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The notifier's two clocks: every {@code dispatch-interval} it sends what is due and records deliveries; every
 * {@code schedule-interval} it plans regular updates and erases contact details whose time has come. A new message
 * wakes the dispatcher at once. Work is claimed in the database, so every node can run these loops.
 */
@Component
@NotifierRole
public class NotifierLoops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotifierLoops.class);

    private final Dispatcher dispatcher;
    private final RegularUpdates regularUpdates;
    private final ContactVault vault;
    private final NotifierProperties properties;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    NotifierLoops(Dispatcher dispatcher, RegularUpdates regularUpdates, ContactVault vault,
                  NotifierProperties properties) {
        this.dispatcher = dispatcher;
        this.regularUpdates = regularUpdates;
        this.vault = vault;
        this.properties = properties;
    }

    /** Sends new messages now rather than at the next tick. */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeQueued.set(false);
                    dispatch();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                wakeQueued.set(false);
            }
        }
    }

    /** Runs the scheduled work once, now: regular updates and erasure. */
    public void runSchedule() {
        try {
            int planned = regularUpdates.planDue();
            int erased = vault.eraseDue();
            if (planned > 0) {
                dispatch();
            }
            if (planned + erased > 0) {
                log.info("Planned {} regular update(s); erased {} contact(s)", planned, erased);
            }
        } catch (RuntimeException e) {
            log.warn("Notifier schedule round failed; trying again next round", e);
        }
    }

    private void dispatch() {
        try {
            while (dispatcher.dispatchDue() >= properties.batchSize()) {
                // a full batch: there may be more due right now
            }
            dispatcher.recordDue();
        } catch (RuntimeException e) {
            log.warn("Notifier dispatch round failed; trying again next round", e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "custody-notifier-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        long dispatchMillis = properties.dispatchInterval().toMillis();
        long scheduleMillis = properties.scheduleInterval().toMillis();
        executor.scheduleWithFixedDelay(this::dispatch, dispatchMillis, dispatchMillis, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::runSchedule, scheduleMillis, scheduleMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
