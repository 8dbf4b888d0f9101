package dev.custody.server.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.custody.projections.alert.AlertOutbox;
import dev.custody.projections.alert.AlertOutbox.AlertChange;
import dev.custody.projections.alert.AlertView;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes alert changes (raised, acknowledged, resolved) from the alert log to {@code custody.alerts.v1}, keyed by
 * device id, in log order. A change is marked published only after Kafka acknowledged it, in the same transaction
 * that holds the publisher lock; if Kafka is down nothing is marked and the next tick tries again.
 */
@Component
@ConditionalOnProperty(name = "custody.roles.publisher", havingValue = "true", matchIfMissing = true)
class AlertPublisher {

    private static final Logger log = LoggerFactory.getLogger(AlertPublisher.class);
    private static final int BATCH = 200;

    private final AlertOutbox outbox;
    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper mapper;
    private final StreamProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertPublisher(AlertOutbox outbox, KafkaTemplate<String, String> kafka,
                   @Qualifier("defaultAxonObjectMapper") ObjectMapper mapper, StreamProperties properties,
                   TransactionTemplate tx, Clock clock) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.mapper = mapper;
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
        AlertView a = change.alert();
        String type = switch (change.change()) {
            case "RAISED" -> "AlertRaised";
            case "RESOLVED" -> "AlertResolved";
            default -> "AlertAcknowledged";
        };
        ObjectNode data = mapper.valueToTree(a);
        data.put("change", change.change());
        data.put("changedAt", change.at().toString());
        ObjectNode envelope = CloudEvents.alert(mapper, "alert-log-" + change.logId(), type, a.deviceId().toString(),
                change.at(), a.force(), data);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(properties.alertsTopic(),
                    a.deviceId().toString(), mapper.writeValueAsString(envelope));
            record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
