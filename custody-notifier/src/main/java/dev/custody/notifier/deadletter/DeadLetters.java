package dev.custody.notifier.deadletter;

import dev.custody.notifier.NotifierProperties;
import dev.custody.notifier.NotifierRole;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.custody.notifier.Sql.ts;

/**
 * The dead-letter topic {@code custody.notifier.dlt}: the original key and value, with headers {@code dlt-reason},
 * {@code dlt-attempts} and {@code dlt-topic}. A publish waits for the broker's acknowledgement; if Kafka is down it
 * fails, and the caller keeps the record or message to park it again later, so nothing is lost on the way.
 */
@Component
@NotifierRole
public class DeadLetters {

    public static final String REASON = "dlt-reason";
    public static final String ATTEMPTS = "dlt-attempts";
    public static final String TOPIC = "dlt-topic";

    private final KafkaTemplate<String, String> kafka;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final String dltTopic;

    DeadLetters(KafkaTemplate<String, String> kafka, NamedParameterJdbcTemplate jdbc, Clock clock,
                NotifierProperties properties) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dltTopic = properties.dltTopic();
    }

    /** Publishes to the dead-letter topic and waits for the acknowledgement. */
    public void publish(String originalTopic, String key, String value, String reason, int attempts) {
        ProducerRecord<String, String> record = new ProducerRecord<>(dltTopic, key, value);
        record.headers().add(REASON, bytes(reason));
        record.headers().add(ATTEMPTS, bytes(Integer.toString(attempts)));
        record.headers().add(TOPIC, bytes(originalTopic));
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + dltTopic, e);
        }
    }

    /** A consumed record that could not be handled: parked on the topic, and the reason kept in the database. */
    public void park(String topic, int partition, long offset, String key, String value, String eventId,
                     String reason, int attempts) {
        publish(topic, key, value, reason, attempts);
        jdbc.update("""
                insert into notifier_dead_letter (source_topic, source_partition, source_offset, source_key, event_id,
                    reason, attempts, parked_at)
                values (:topic, :partition, :offset, :key, :eventId, :reason, :attempts, :at)
                """, new MapSqlParameterSource().addValue("topic", topic).addValue("partition", partition)
                .addValue("offset", offset).addValue("key", key).addValue("eventId", eventId)
                .addValue("reason", reason).addValue("attempts", attempts).addValue("at", ts(clock.instant())));
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
