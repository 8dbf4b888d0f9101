package dev.custody.server.axon;

import dev.custody.processing.Faults;
import dev.custody.processing.Quarantine;
import dev.custody.processing.QuarantineRetrier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Containment for Axon's streaming processors ({@code device-projection}, {@code kafka-publisher}): no single event
 * stops one.
 * <ul>
 *   <li><b>A failed batch is taken apart.</b> A batch writes its events in one transaction, so a failure (often only
 *   at commit, when the projection writes) names no event. The processor's {@link ErrorHandler}: a transient fault
 *   ({@link Faults}) propagates, and the processor backs off and retries the batch from its token as before, for as
 *   long as the fault lasts. Any other failure: each event of the batch is handled alone, in its own transaction with
 *   its segment's token, up to {@code custody.quarantine.attempts} times with doubling backoff. An event that still
 *   fails is quarantined, in one transaction with the token that moves past it, and the batch's other events carry
 *   on. Other segments never wait; the poison's own segment waits only for the backoff.</li>
 *   <li><b>The device's later events wait.</b> A handler interceptor skips (and so moves the token past) every event
 *   of a device that has a quarantined event for this processor. They are not lost: the store has them, and the retry
 *   applies them in order.</li>
 *   <li><b>A retry</b> ({@code POST /api/v1/admin/quarantine/{id}/retry}) handles the quarantined event again through
 *   the processor's own handlers, then each later event of the device, and releases the device under its lock, so an
 *   event arriving meanwhile is applied either by the retry or by the processor, never skipped. Handlers are
 *   idempotent (the projection ignores an event at or below a device's version, the publisher's consumers
 *   de-duplicate by event id), so an event both applied by the retry and met later by the processor is harmless.</li>
 * </ul>
 */
public class EventQuarantine implements QuarantineRetrier {

    private static final Logger log = LoggerFactory.getLogger(EventQuarantine.class);
    private static final String HELD_DEVICES = EventQuarantine.class.getName() + ".held";

    /**
     * @param attempts   how often an event is handled alone before it is quarantined
     * @param backoff    the wait after the first failed attempt, doubled after each further one
     * @param maxBackoff the longest wait between two attempts
     */
    @ConfigurationProperties("custody.quarantine")
    public record Settings(@DefaultValue("3") int attempts, @DefaultValue("PT0.2S") Duration backoff,
                           @DefaultValue("PT5S") Duration maxBackoff) {
    }

    private final Quarantine quarantine;
    private final Settings settings;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<TokenStore> tokenStore;
    private final ObjectProvider<TransactionManager> transactions;
    private final ObjectProvider<EventStore> eventStore;

    EventQuarantine(Quarantine quarantine, Settings settings, JdbcTemplate jdbc,
                    ObjectProvider<EventProcessingConfiguration> processing, ObjectProvider<TokenStore> tokenStore,
                    ObjectProvider<TransactionManager> transactions, ObjectProvider<EventStore> eventStore) {
        this.quarantine = quarantine;
        this.settings = settings;
        this.jdbc = jdbc;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.eventStore = eventStore;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The gate: a device with a quarantined event has its later events skipped, in order, until a retry.

    MessageHandlerInterceptor<EventMessage<?>> gate(String processor) {
        quarantine.registerProcessor(processor);
        return (unitOfWork, chain) -> passGate(processor, unitOfWork, chain);
    }

    private Object passGate(String processor, UnitOfWork<? extends EventMessage<?>> unitOfWork,
                            InterceptorChain chain) throws Exception {
        String device = deviceOf(unitOfWork.getMessage());
        if (device == null) {
            return chain.proceed();
        }
        // One query per batch, for all its devices; the lock and second look only for a device found held.
        Set<String> held = unitOfWork.root().getOrComputeResource(HELD_DEVICES,
                key -> quarantine.heldDevices(processor, devicesOf(unitOfWork.root())));
        if (held.contains(device) && quarantine.holding(processor, device).isPresent()) {
            log.debug("{}: event of device {} waits behind its quarantined event", processor, device);
            return null;
        }
        return chain.proceed();
    }

    private static Set<String> devicesOf(UnitOfWork<?> root) {
        Set<String> devices = new LinkedHashSet<>();
        if (root instanceof BatchingUnitOfWork<?> batch) {
            for (Object m : batch.getMessages()) {
                String device = deviceOf((EventMessage<?>) m);
                if (device != null) {
                    devices.add(device);
                }
            }
        } else if (root.getMessage() instanceof EventMessage<?> m && deviceOf(m) != null) {
            devices.add(deviceOf(m));
        }
        return devices;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The error handler: a failed batch, taken apart.

    ErrorHandler errorHandler() {
        return this::handleError;
    }

    private void handleError(ErrorContext context) throws Exception {
        Throwable error = context.error();
        if (Faults.isTransient(error)) {
            throw rethrowable(error);
        }
        Optional<AbstractEventProcessor> processor = processing.getObject()
                .eventProcessor(context.eventProcessor(), AbstractEventProcessor.class)
                .filter(StreamingEventProcessor.class::isInstance);
        if (processor.isEmpty()) {
            throw rethrowable(error);
        }
        log.warn("{}: a batch of {} event(s) failed ({}); handling them one by one", context.eventProcessor(),
                context.failedEvents().size(), Faults.describe(error));
        Map<Integer, EventTrackerStatus> segments = ((StreamingEventProcessor) processor.get()).processingStatus();
        for (EventMessage<?> event : context.failedEvents()) {
            handleAlone(context.eventProcessor(), processor.get().eventHandlerInvoker(), (TrackedEventMessage<?>) event,
                    segmentOf(event, segments));
        }
    }

    /** Handles one event in its own transaction with its segment's token; quarantines it if it keeps failing. */
    private void handleAlone(String processor, EventHandlerInvoker invoker, TrackedEventMessage<?> event,
                             int segment) throws Exception {
        Exception last = null;
        int attempts = 0;
        while (attempts < Math.max(1, settings.attempts())) {
            attempts++;
            try {
                inUnitOfWork(event, processor, segment, () -> {
                    String device = deviceOf(event);
                    if (device == null || quarantine.holding(processor, device).isEmpty()) {
                        invoker.handle(event, Segment.ROOT_SEGMENT);
                    }
                });
                return;
            } catch (Exception e) {
                if (Faults.isTransient(e)) {
                    throw e;
                }
                last = e;
                if (attempts < settings.attempts()) {
                    sleep(backoff(attempts));
                }
            }
        }
        Quarantine.Source source = sourceOf(processor, event);
        Exception failure = last;
        int tried = attempts;
        transactions.getObject().executeInTransaction(() -> {
            quarantine.quarantine(source, failure, tried);
            tokenStore.getObject().storeToken(event.trackingToken(), processor, segment);
        });
    }

    private void inUnitOfWork(EventMessage<?> event, String processor, Integer segment, Handling handling)
            throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.attachTransaction(transactions.getObject());
        if (segment != null && event instanceof TrackedEventMessage<?> tracked) {
            unitOfWork.onPrepareCommit(u -> tokenStore.getObject().storeToken(tracked.trackingToken(), processor,
                    segment));
        }
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            handling.run();
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw rethrowable(result.exceptionResult());
        }
    }

    @FunctionalInterface
    private interface Handling {
        void run() throws Exception;
    }

    private Duration backoff(int attempt) {
        Duration wait = settings.backoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The retry, after a fix.

    @Override
    public boolean handles(String processor) {
        return processor != null && processing.getObject().eventProcessor(processor, AbstractEventProcessor.class)
                .isPresent();
    }

    @Override
    public long waiting(Quarantine.Entry entry) {
        if (entry.deviceId() == null || entry.sequenceNumber() == null) {
            return 0;
        }
        Long n = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number > ?", Long.class, entry.deviceId(), entry.sequenceNumber());
        return n == null ? 0 : n;
    }

    @Override
    public Outcome retry(Quarantine.Entry entry, String by) {
        AbstractEventProcessor processor = processing.getObject()
                .eventProcessor(entry.processor(), AbstractEventProcessor.class).orElseThrow();
        EventHandlerInvoker invoker = processor.eventHandlerInvoker();
        String device = entry.deviceId();
        long next = entry.sequenceNumber() == null ? 0 : entry.sequenceNumber();
        int applied = 0;
        try {
            while (true) {
                List<DomainEventMessage<?>> events = readFrom(device, next);
                if (events.isEmpty()) {
                    long after = next;
                    // Released under the device's lock: the processor, about to skip a newer event, waits for this
                    // and then finds the device free; an event stored before it is seen here and applied first.
                    if (Boolean.TRUE.equals(transactions.getObject().fetchInTransaction(() -> {
                        quarantine.lockDevice(entry.processor(), device);
                        if (lastSequence(device) >= after) {
                            return false;
                        }
                        quarantine.resolve(entry.id(), by, "applied by a retry");
                        return true;
                    }))) {
                        log.info("{}: quarantined {} and {} event(s) behind it applied by a retry; device {} flows "
                                + "again", entry.processor(), entry.id(), Math.max(0, applied - 1), device);
                        return Outcome.applied(applied);
                    }
                    continue;
                }
                for (DomainEventMessage<?> event : events) {
                    try {
                        inUnitOfWork(event, entry.processor(), null, () -> invoker.handle(event, Segment.ROOT_SEGMENT));
                    } catch (Exception e) {
                        if (Faults.isTransient(e)) {
                            throw e;
                        }
                        return failedDuringRetry(entry, event, e, applied, by);
                    }
                    applied++;
                    next = event.getSequenceNumber() + 1;
                }
            }
        } catch (Exception e) {
            if (Faults.isTransient(e)) {
                throw new RetryUnavailable("a resource is unavailable: " + Faults.describe(e), e);
            }
            throw new IllegalStateException("retrying " + entry.id() + " failed: " + Faults.describe(e), e);
        }
    }

    private Outcome failedDuringRetry(Quarantine.Entry entry, DomainEventMessage<?> event, Exception failure,
                                      int applied, String by) {
        if (Objects.equals(event.getSequenceNumber(), entry.sequenceNumber())) {
            quarantine.failedAgain(entry.id(), failure);
            log.warn("{}: quarantined {} failed again on retry: {}", entry.processor(), entry.id(),
                    Faults.describe(failure));
            return Outcome.stillFailing(entry.id());
        }
        Long index = jdbc.queryForObject("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", Long.class, event.getAggregateIdentifier(), event.getSequenceNumber());
        UUID next = transactions.getObject().fetchInTransaction(() -> {
            quarantine.resolve(entry.id(), by, "applied by a retry");
            return quarantine.quarantine(Quarantine.Source.event(entry.processor(), event.getAggregateIdentifier(),
                    index == null ? -1 : index, event.getSequenceNumber(), event.getIdentifier(), typeOf(event)),
                    failure, 1).id();
        });
        return Outcome.stoppedAtLaterEvent(applied, next);
    }

    private List<DomainEventMessage<?>> readFrom(String device, long sequence) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        eventStore.getObject().readEvents(device, sequence).asStream().forEach(events::add);
        return events;
    }

    private long lastSequence(String device) {
        Long last = jdbc.queryForObject("select max(sequence_number) from domain_event_entry "
                + "where aggregate_identifier = ?", Long.class, device);
        return last == null ? -1 : last;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The device an event belongs to: its aggregate, which is also what Axon's segments split on. */
    private static String deviceOf(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> d ? d.getAggregateIdentifier() : null;
    }

    /** The claimed segment an event belongs to, by Axon's default sequencing policy (per aggregate). */
    private static int segmentOf(EventMessage<?> event, Map<Integer, EventTrackerStatus> segments) {
        String device = deviceOf(event);
        int hash = Objects.hashCode(device != null ? device : event.getIdentifier());
        return segments.values().stream().map(EventTrackerStatus::getSegment).filter(s -> s.matches(hash))
                .findFirst().map(Segment::getSegmentId)
                .orElseThrow(() -> new IllegalStateException("no claimed segment for event " + event.getIdentifier()));
    }

    private static Quarantine.Source sourceOf(String processor, TrackedEventMessage<?> event) {
        long index = event.trackingToken().position().orElse(-1);
        Long sequence = event instanceof DomainEventMessage<?> d ? d.getSequenceNumber() : null;
        return Quarantine.Source.event(processor, deviceOf(event), index, sequence, event.getIdentifier(),
                typeOf(event));
    }

    private static String typeOf(EventMessage<?> event) {
        try {
            return event.getPayloadType().getName();
        } catch (RuntimeException unreadable) {
            return "unreadable";
        }
    }

    private static void sleep(Duration wait) throws InterruptedException {
        Thread.sleep(wait.toMillis());
    }

    private static Exception rethrowable(Throwable error) {
        if (error instanceof Exception e) {
            return e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(error);
    }
}
