package dev.custody.notifier.kafka;

import dev.custody.notifier.NotifierMetrics;
import dev.custody.notifier.NotifierProperties;
import dev.custody.processing.Quarantine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier's consumer never quarantines a record because the database or broker is away: it retries it for as
 * long as the fault lasts. (That a failing record is quarantined after its retries is shown end to end by NotifierIT
 * and PoisonEventIT.)
 */
class ConsumerErrorHandlingTest {

    @Test
    void a_record_failing_because_the_database_is_away_is_retried_without_end_and_never_quarantined() {
        NotifierProperties properties = new NotifierProperties(null, null, null, null, null, 2, Duration.ofMillis(1),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        // Touching the dead-letter topic or the quarantine would fail: neither may be reached.
        DefaultErrorHandler handler = NotifierKafkaConfig.errorHandler(null, properties,
                new NotifierMetrics(new SimpleMeterRegistry()),
                new Quarantine(null, new SimpleMeterRegistry(), Clock.systemUTC()));
        MessageListenerContainer container = new RunningContainer();
        ConsumerRecord<String, String> record = new ConsumerRecord<>("custody.events.v1", 0, 42L, "device", "{}");
        Exception databaseAway = new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("no connection",
                        new SQLException("Connection to localhost:5432 refused", "08001")));

        for (int attempt = 1; attempt <= 12; attempt++) {
            assertThat(handler.handleOne(databaseAway, record, new MockConsumer<>(OffsetResetStrategy.EARLIEST),
                    container)).as("attempt %d recovers (quarantines) the record", attempt).isFalse();
        }
    }

    /** A container that is running: the error handler only asks whether to keep waiting. */
    private static final class RunningContainer implements MessageListenerContainer {
        @Override
        public void setupMessageListener(Object messageListener) {
        }

        @Override
        public Map<String, Map<MetricName, ? extends Metric>> metrics() {
            return Map.of();
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return true;
        }
    }
}
