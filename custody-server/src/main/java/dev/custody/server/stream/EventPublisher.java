package dev.custody.server.stream;

import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.values.ForceCode;
import dev.custody.wire.CustodyRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored custody event to {@code custody.events.v1}, keyed by device id, as its CloudEvents record
 * ({@link CustodyRecords}).
 * <p>
 * Driven from the event store by a streaming processor whose token lives in PostgreSQL, so delivery is at least once
 * and nothing is lost: the token moves only after Kafka acknowledged the record. If Kafka is down the handler fails,
 * the processor backs off and retries from the same token, and commands carry on meanwhile. The producer is
 * idempotent (acks=all), so a retry within a producer session does not duplicate; across restarts consumers
 * de-duplicate by the CloudEvents id.
 * <p>
 * A batch of events is sent without waiting for each acknowledgement in turn: every record of the batch is handed to
 * the producer, and the batch's unit of work waits for all of them before it commits the token. One failed send
 * fails the batch, which is then retried from its first event. The idempotent producer keeps each device's records
 * in order (one partition per device, at most 5 in flight).
 */
@Component
@ProcessingGroup(EventPublisher.PROCESSING_GROUP)
@ConditionalOnProperty(name = "custody.roles.publisher", havingValue = "true", matchIfMissing = true)
class EventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = EventPublisher.class.getName() + ".pendingSends";
    private static final ForceCode UNKNOWN_FORCE = new ForceCode("unknown");

    private final KafkaTemplate<String, String> kafka;
    private final StreamProperties properties;
    private final EventStore eventStore;
    /** Force by device, learnt from DeviceSeized; bounded by the devices this node publishes for. */
    private final Map<String, ForceCode> forceByDevice = new ConcurrentHashMap<>();

    EventPublisher(KafkaTemplate<String, String> kafka, StreamProperties properties, EventStore eventStore) {
        this.kafka = kafka;
        this.properties = properties;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(DeviceEvent event, @MessageIdentifier String eventId, @SequenceNumber Long sequence)
            throws InterruptedException, ExecutionException, TimeoutException {
        String deviceId = event.deviceId().toString();
        ForceCode force = event instanceof DeviceSeized seized ? seized.force() : forceOf(deviceId);
        forceByDevice.put(deviceId, force);
        ProducerRecord<String, String> record = CustodyRecords.event(properties.eventsTopic(), eventId, sequence,
                event, force);
        CompletableFuture<?> sent = kafka.send(record);
        if (CurrentUnitOfWork.isStarted()) {
            pendingSends(CurrentUnitOfWork.get().root()).add(sent);
        } else {
            sent.get(properties.sendTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The batch's sends; the first call per batch makes its commit wait for them all. */
    private List<CompletableFuture<?>> pendingSends(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAll(pending));
            return pending;
        });
    }

    private void awaitAll(List<CompletableFuture<?>> pending) {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged the batch", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the batch; it will be published again", e);
        }
    }

    /** A device's force is on its first event; after a restart it is read back once from the store. */
    private ForceCode forceOf(String deviceId) {
        return forceByDevice.computeIfAbsent(deviceId, id -> eventStore.readEvents(id).asStream()
                .map(m -> m.getPayload())
                .filter(DeviceSeized.class::isInstance)
                .map(p -> ((DeviceSeized) p).force())
                .findFirst()
                .orElse(UNKNOWN_FORCE));
    }
}
