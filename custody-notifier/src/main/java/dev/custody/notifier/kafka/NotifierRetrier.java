package dev.custody.notifier.kafka;

import dev.custody.notifier.NotifierRole;
import dev.custody.processing.Faults;
import dev.custody.processing.Quarantine;
import dev.custody.processing.QuarantineRetrier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retries a record the notifier quarantined: handles its stored value exactly as the listener handles a consumed
 * record (the send log's unique keys keep a message from going twice). The device's later records were handled when
 * they came, so nothing waits behind it.
 */
@Component
@NotifierRole
class NotifierRetrier implements QuarantineRetrier {

    private static final Logger log = LoggerFactory.getLogger(NotifierRetrier.class);

    private final Quarantine quarantine;
    private final NotifierListener listener;

    NotifierRetrier(Quarantine quarantine, NotifierListener listener) {
        this.quarantine = quarantine;
        this.listener = listener;
    }

    @Override
    public boolean handles(String processor) {
        return NotifierKafkaConfig.PROCESSOR.equals(processor);
    }

    @Override
    public long waiting(Quarantine.Entry entry) {
        return 0;
    }

    @Override
    public Outcome retry(Quarantine.Entry entry, String by) {
        try {
            listener.on(new ConsumerRecord<>(entry.topic(), entry.partition(), entry.offset(), entry.deviceId(),
                    quarantine.payload(entry.id()).orElse(null)));
        } catch (RuntimeException e) {
            if (Faults.isTransient(e)) {
                throw new RetryUnavailable("a resource is unavailable: " + Faults.describe(e), e);
            }
            quarantine.failedAgain(entry.id(), e);
            log.warn("Notifier: quarantined {} failed again on retry: {}", entry.id(), Faults.describe(e));
            return Outcome.stillFailing(entry.id());
        }
        quarantine.resolve(entry.id(), by, "applied by a retry");
        log.info("Notifier: quarantined record {} handled by a retry", entry.id());
        return Outcome.applied(1);
    }
}
