package dev.custody.web.live;

import dev.custody.projections.view.DeviceView;
import dev.custody.projections.device.ProjectionCommitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events that tell open pages their data changed, fed by the device projection after each live batch
 * commits ({@link ProjectionCommitListener}): no page polls. A page subscribes to a topic ({@link #lab},
 * {@link #device}) and, on the event {@value #EVENT}, fetches the part of itself that shows it (htmx's SSE
 * extension: {@code hx-trigger="sse:changed"}).
 * <p>
 * Changes are coalesced: each topic is sent at most once per {@link #FLUSH_EVERY}, always after its last change, so a
 * burst of events costs a page one fetch, not one per event. Sending happens on this class's own thread, never on
 * the projection's, so a slow browser cannot hold up the read models. A comment every {@link #HEARTBEAT} finds closed
 * connections. A browser that reconnects (it sends {@code Last-Event-ID}) is told at once, as it may have missed a
 * change.
 * <p>
 * Only changes this node projected are sent: with several nodes, a page hears of the devices whose projection
 * segments its node holds (docs/web.md).
 */
@Component
public class LiveUpdates implements ProjectionCommitListener, SmartLifecycle {

    public static final String EVENT = "changed";
    static final Duration FLUSH_EVERY = Duration.ofMillis(250);
    static final Duration HEARTBEAT = Duration.ofSeconds(25);
    static final Duration CONNECTION_TIMEOUT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Map<String, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicLong eventIds = new AtomicLong();
    private ScheduledExecutorService sender;
    private volatile boolean running;

    public static String lab(String lab) {
        return "lab:" + lab;
    }

    public static String device(Object deviceId) {
        return "device:" + deviceId;
    }

    @Override
    public void committed(List<DeviceView> changed) {
        for (DeviceView view : changed) {
            if (view.lab() != null) {
                dirty.add(lab(view.lab()));
            }
            dirty.add(device(view.deviceId()));
        }
    }

    /**
     * A new subscription to {@code topic}.
     *
     * @param reconnected the browser reconnected after a break, so it is told at once that something may have changed
     */
    public SseEmitter subscribe(String topic, boolean reconnected) {
        SseEmitter emitter = new SseEmitter(CONNECTION_TIMEOUT.toMillis());
        Set<SseEmitter> set = subscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        if (reconnected) {
            dirty.add(topic);
        }
        return emitter;
    }

    /** Subscribers now, for tests and the admin view. */
    public int subscribers(String topic) {
        return subscribers.getOrDefault(topic, Set.of()).size();
    }

    void flush() {
        for (String topic : List.copyOf(dirty)) {
            dirty.remove(topic);
            Set<SseEmitter> set = subscribers.get(topic);
            if (set == null || set.isEmpty()) {
                continue;
            }
            SseEmitter.SseEventBuilder event = SseEmitter.event().id(String.valueOf(eventIds.incrementAndGet()))
                    .name(EVENT).data(topic);
            for (SseEmitter emitter : set) {
                send(set, emitter, event);
            }
        }
    }

    void heartbeat() {
        for (Set<SseEmitter> set : subscribers.values()) {
            for (SseEmitter emitter : set) {
                send(set, emitter, SseEmitter.event().comment("still here"));
            }
        }
    }

    private static void send(Set<SseEmitter> set, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // The browser went away: forget it; it reconnects by itself if it is still there.
            set.remove(emitter);
            emitter.completeWithError(e);
        }
    }

    @Override
    public void start() {
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "live-updates");
            thread.setDaemon(true);
            return thread;
        });
        sender.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        sender.scheduleWithFixedDelay(this::heartbeatQuietly, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        running = true;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not send live updates", e);
        }
    }

    private void heartbeatQuietly() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.debug("Heartbeat failed", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (sender != null) {
            sender.shutdownNow();
        }
        subscribers.values().forEach(set -> set.forEach(SseEmitter::complete));
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
