package dev.custody.server.axon;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch that failed because the database or broker is away is retried by the processor, never taken apart. */
class EventQuarantineTest {

    @Test
    void a_transient_fault_propagates_untouched_so_the_processor_retries_the_batch_from_its_token() {
        // Nothing but the classification may run: every collaborator is missing.
        EventQuarantine quarantine = new EventQuarantine(null, new EventQuarantine.Settings(3, Duration.ZERO,
                Duration.ZERO), null, null, null, null, null);
        Exception databaseAway = new DataAccessResourceFailureException("no connection",
                new SQLException("Connection to localhost:5432 refused", "08001"));
        ErrorContext failed = new ErrorContext("device-projection", databaseAway,
                List.of(new GenericDomainEventMessage<>("DeviceCustody", "a-device", 0, "payload")));

        assertThatThrownBy(() -> quarantine.errorHandler().handleError(failed)).isSameAs(databaseAway);
    }
}
