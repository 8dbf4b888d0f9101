package dev.custody.notifier.kafka;

import dev.custody.notifier.NotifierMetrics;
import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import dev.custody.notifier.deadletter.DeadLetters;
import dev.custody.notifier.inbox.PoisonRecord;
import dev.custody.processing.Faults;
import dev.custody.processing.Quarantine;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the notifier consumes: offsets are committed record by record, only after a record was handled (its messages
 * are in the send log) or quarantined. A failure that says the database or broker is away ({@link Faults}) is retried
 * with backoff for as long as it lasts, and never quarantines anything. Any other failure (an alert ahead of its
 * seizure, a value the database refuses) is retried {@code custody.notifier.consumer-retries} times with backoff; a
 * record that cannot be read is not retried. Either way the record is then quarantined: parked on the dead-letter
 * topic and recorded in {@code quarantined_event} with its value, so an admin can retry it once fixed, and the records
 * behind it carry on, the same device's included: each record is handled on its own, and the topics have no order
 * between them anyway (an alert may arrive ahead of its seizure); see docs/decisions.md.
 */
@Configuration(proxyBeanMethods = false)
@NotifierRole
class NotifierKafkaConfig {

    static final String CONTAINER_FACTORY = "notifierListenerContainerFactory";
    /** The notifier's name as a processor, in the quarantine and its metric. */
    static final String PROCESSOR = NotifierListener.LISTENER_ID;

    @Bean
    NewTopic notifierDeadLetterTopic(NotifierProperties properties,
                                     @Value("${custody.stream.partitions:6}") int partitions,
                                     @Value("${custody.stream.replication-factor:1}") short replicationFactor) {
        return new NewTopic(properties.dltTopic(), partitions, replicationFactor);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, String> notifierListenerContainerFactory(
            ConsumerFactory<String, String> consumerFactory, DeadLetters deadLetters, NotifierProperties properties,
            NotifierMetrics metrics, Quarantine quarantine) {
        ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        factory.getContainerProperties().setObservationEnabled(false);
        factory.setCommonErrorHandler(errorHandler(deadLetters, properties, metrics, quarantine));
        return factory;
    }

    static DefaultErrorHandler errorHandler(DeadLetters deadLetters, NotifierProperties properties,
                                            NotifierMetrics metrics, Quarantine quarantine) {
        quarantine.registerProcessor(PROCESSOR);
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.consumerRetries());
        long initial = properties.consumerBackoff().toMillis();
        backOff.setInitialInterval(initial);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(initial * 10);
        // The database or broker away: wait for it, however long, and quarantine nothing meanwhile. The wait stays
        // short (4 x the first, 2 s by default) so the notifier is back within seconds of them: at 20 x it could sleep
        // 10 s past the database's return, and a victim's message with it (DatabaseOutageIT).
        ExponentialBackOff untilBack = new ExponentialBackOff(initial, 2);
        untilBack.setMaxInterval(initial * 4);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            Throwable cause = cause(exception);
            int attempts = cause instanceof PoisonRecord ? 1 : properties.consumerRetries() + 1;
            String reason = (cause instanceof PoisonRecord ? "unreadable: " : "not handled: ")
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage();
            ConsumerRecord<?, ?> r = record;
            deadLetters.park(r.topic(), r.partition(), r.offset(), (String) r.key(), (String) r.value(),
                    eventId((String) r.value()), truncate(reason), attempts);
            metrics.recordParked(r.topic());
            quarantine.quarantine(Quarantine.Source.record(PROCESSOR, (String) r.key(), r.topic(), r.partition(),
                    r.offset(), eventId((String) r.value()), (String) r.value()), cause, attempts);
        }, backOff);
        handler.setBackOffFunction((record, exception) -> Faults.isTransient(exception) ? untilBack : null);
        handler.setResetStateOnExceptionChange(true);
        handler.addNotRetryableExceptions(PoisonRecord.class);
        handler.setCommitRecovered(true);
        return handler;
    }

    private static Throwable cause(Exception exception) {
        Throwable cause = exception;
        while (cause instanceof ListenerExecutionFailedException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The CloudEvents id, if the record is readable enough to have one; for the operator's search only. */
    private static String eventId(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf("\"id\"");
        if (at < 0) {
            return null;
        }
        int start = value.indexOf('"', value.indexOf(':', at) + 1);
        int end = start < 0 ? -1 : value.indexOf('"', start + 1);
        return start < 0 || end < 0 || end - start > 200 ? null : value.substring(start + 1, end);
    }

    private static String truncate(String reason) {
        return reason.length() > 400 ? reason.substring(0, 400) : reason;
    }
}
