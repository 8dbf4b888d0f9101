package dev.custody.processing;

import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class FaultsTest {

    @Test
    void the_database_away_or_busy_is_transient_wherever_it_sits_in_the_chain() {
        assertThat(Faults.isTransient(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
        assertThat(Faults.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(Faults.isTransient(new IllegalStateException("batch",
                new SQLException("An I/O error occurred while sending to the backend", "08006")))).isTrue();
        assertThat(Faults.isTransient(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(Faults.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(Faults.isTransient(new CannotAcquireLockException("lock"))).isTrue();
        assertThat(Faults.isTransient(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
    }

    @Test
    void the_broker_away_is_transient_and_a_record_it_will_never_take_is_not() {
        assertThat(Faults.isTransient(new IllegalStateException("Kafka did not acknowledge the batch",
                new ExecutionException(new org.apache.kafka.common.errors.TimeoutException("expired"))))).isTrue();
        assertThat(Faults.isTransient(new IllegalStateException("Kafka did not acknowledge the batch",
                new TimeoutException()))).isTrue();
        assertThat(Faults.isTransient(new IllegalStateException("Kafka did not acknowledge the batch",
                new ExecutionException(new org.apache.kafka.common.errors.RecordTooLargeException("1050418 bytes")))))
                .isFalse();
    }

    @Test
    void a_value_the_database_refuses_or_an_unreadable_payload_is_the_events_own() {
        assertThat(Faults.isTransient(new DataIntegrityViolationException("insert",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(Faults.isTransient(new SQLException("date/time field value out of range", "22008"))).isFalse();
        assertThat(Faults.isTransient(new IllegalArgumentException("bad event",
                new JsonParseException(null, "Unexpected character")))).isFalse();
        assertThat(Faults.isTransient(new NullPointerException())).isFalse();
    }

    @Test
    void a_failure_is_described_by_its_innermost_cause_without_control_characters_and_cut_short() {
        Faults.Described d = Faults.describe(new IllegalStateException("wrapper",
                new SQLException("bad \u0000 value " + "x".repeat(5000), "22021")));
        assertThat(d.errorClass()).isEqualTo("java.sql.SQLException");
        assertThat(d.message()).startsWith("bad ? value").hasSize(2000).doesNotContain("\u0000");
    }
}
