package dev.custody.processing;

import dev.custody.edge.Problem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The quarantine's admin logic that the REST API and the admin page share: its answers and its refusals. */
class QuarantineAdminTest {

    private final Map<UUID, Quarantine.Entry> rows = new HashMap<>();
    private final AtomicReference<Collection<String>> listedStates = new AtomicReference<>();

    /** The quarantine's rows from a map; the SQL itself is exercised by the ITs. */
    private final Quarantine quarantine = new Quarantine(null, new SimpleMeterRegistry(), Clock.systemUTC()) {
        @Override
        public Optional<Entry> find(UUID id) {
            return Optional.ofNullable(rows.get(id));
        }

        @Override
        public List<Entry> list(String processor, Collection<String> states, int limit) {
            listedStates.set(states);
            return rows.values().stream().filter(e -> states.contains(e.state())).limit(limit).toList();
        }
    };

    private QuarantineRetrier.Outcome next = QuarantineRetrier.Outcome.applied(2);
    private boolean unavailable;

    private final QuarantineRetrier projection = new QuarantineRetrier() {
        @Override
        public boolean handles(String processor) {
            return "device-projection".equals(processor);
        }

        @Override
        public Outcome retry(Quarantine.Entry entry, String by) {
            if (unavailable) {
                throw new RetryUnavailable("database away", null);
            }
            rows.put(entry.id(), row(entry.id(), entry.processor(), Quarantine.RESOLVED));
            return next;
        }

        @Override
        public long waiting(Quarantine.Entry entry) {
            return 1;
        }
    };

    private final QuarantineAdmin admin = new QuarantineAdmin(quarantine, List.of(projection));

    @Test
    void listsByStateWithWhatWaitsBehindEachRow() {
        UUID open = add("device-projection", Quarantine.QUARANTINED);
        add("device-projection", Quarantine.RESOLVED);
        UUID elsewhere = add("custody-notifier", Quarantine.QUARANTINED);

        List<QuarantineAdmin.QuarantinedEvent> listed = admin.list(null, QuarantineAdmin.Shown.QUARANTINED, 10);
        assertThat(listed).extracting(QuarantineAdmin.QuarantinedEvent::id).containsExactlyInAnyOrder(open, elsewhere);
        assertThat(listed).filteredOn(e -> e.id().equals(open)).extracting(QuarantineAdmin.QuarantinedEvent::waiting)
                .containsExactly(1L);
        assertThat(listed).filteredOn(e -> e.id().equals(elsewhere))
                .extracting(QuarantineAdmin.QuarantinedEvent::waiting).as("not known where it does not run")
                .containsNull();
        assertThat(admin.list(null, QuarantineAdmin.Shown.ALL, 10)).hasSize(3);
        assertThat(listedStates.get()).containsExactlyInAnyOrder(Quarantine.QUARANTINED, Quarantine.RESOLVED);
    }

    @Test
    void aBadFilterIsA400NamingTheParameter() {
        Problem limit = catchThrowableOfType(Problem.class,
                () -> admin.list("p".repeat(65), QuarantineAdmin.Shown.QUARANTINED, 0));
        assertThat(limit.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(limit.errors()).extracting(Problem.FieldError::field).containsExactly("processor", "limit");
    }

    @Test
    void aRetryAppliesAndAnswersWithTheRowAsItStandsNow() {
        UUID id = add("device-projection", Quarantine.QUARANTINED);
        QuarantineAdmin.RetryResult result = admin.retry(id, "admin");
        assertThat(result.result()).isEqualTo("APPLIED");
        assertThat(result.applied()).isEqualTo(2);
        assertThat(result.event().state()).isEqualTo(Quarantine.RESOLVED);
    }

    @Test
    void retryRefusals() {
        assertThat(refusal(UUID.randomUUID())).extracting(Problem::status, Problem::rule)
                .containsExactly(HttpStatus.NOT_FOUND, "quarantine-not-found");
        assertThat(refusal(add("device-projection", Quarantine.RESOLVED))).extracting(Problem::status, Problem::rule)
                .containsExactly(HttpStatus.CONFLICT, "not-quarantined");
        assertThat(refusal(add("custody-notifier", Quarantine.QUARANTINED)))
                .extracting(Problem::status, Problem::rule)
                .containsExactly(HttpStatus.CONFLICT, "processor-not-on-this-node");
        unavailable = true;
        assertThat(refusal(add("device-projection", Quarantine.QUARANTINED)))
                .extracting(Problem::status, Problem::rule)
                .containsExactly(HttpStatus.SERVICE_UNAVAILABLE, "resource-unavailable");
    }

    private Problem refusal(UUID id) {
        return catchThrowableOfType(Problem.class, () -> admin.retry(id, "admin"));
    }

    private UUID add(String processor, String state) {
        UUID id = UUID.randomUUID();
        rows.put(id, row(id, processor, state));
        return id;
    }

    private static Quarantine.Entry row(UUID id, String processor, String state) {
        return new Quarantine.Entry(id, processor, state, UUID.randomUUID().toString(), 5L, 1L, "e-1",
                "dev.custody.events.DeviceEvent$DeviceReceivedAtLab", null, null, null, "org.postgresql.PSQLException",
                "invalid byte sequence", 3, Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T09:00:01Z"),
                null, null, null);
    }
}
