package dev.custody.server.stream;

import dev.custody.projections.alert.AlertOutbox;
import dev.custody.projections.alert.AlertOutbox.AlertChange;
import dev.custody.wire.CustodyRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes alert changes (raised, acknowledged, resolved) from the alert log to {@code custody.alerts.v1}, keyed by
 * device id, in log order. A change is marked published only after Kafka acknowledged it, in the same transaction
 * that holds the publisher lock; if Kafka is down nothing is marked and the next tick tries again. The record is
 * the contract's {@code AlertMessage} in its CloudEvents envelope ({@link CustodyRecords}).
 */
@Component
@ConditionalOnProperty(name = "custody.roles.publisher", havingValue = "true", matchIfMissing = true)
class AlertPublisher {

    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);
    private static final int BATCH = 200;

    private final AlertOutbox outbox;
    private final KafkaTemplate<String, String> kafka;
    private final StreamProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertPublisher(AlertOutbox outbox, KafkaTemplate<String, String> kafka, StreamProperties properties,
                   TransactionTemplate tx, Clock clock) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${custody.stream.alert-poll-interval:PT0.2S}", initialDelayString = "PT2S")
    void publishPending() {
        try {
            Integer sent;
            do {
                sent = tx.execute(s -> publishBatch());
            } while (sent != null && sent == BATCH);
        } catch (RuntimeException e) {
            log.warn("Publishing alerts failed; they stay in the outbox and are retried: {}", e.toString());
        }
    }

    /** @return how many changes were published, 0 when none or another node holds the publisher lock */
    int publishBatch() {
        if (!outbox.tryLockPublisher()) {
            return 0;
        }
        List<AlertChange> changes = outbox.unpublished(BATCH);
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (AlertChange change : changes) {
            acks.add(kafka.send(record(change)));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the alert changes", e);
        }
        outbox.markPublished(changes.stream().map(AlertChange::logId).toList(), clock.instant());
        return changes.size();
    }

    private ProducerRecord<String, String> record(AlertChange change) {
        return CustodyRecords.alert(properties.alertsTopic(), change.messageId(), change.message());
    }
}
