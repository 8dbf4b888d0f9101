package dev.custody.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes a command safe to retry: a retried request with the same {@code Idempotency-Key} gets the first answer, and
 * nothing is stored twice.
 * <p>
 * The command runs and the key is saved with its outcome in one database transaction, the same one the event store
 * appends in, with a single insert after the command: a key is stored if and only if its command's events are.
 * <ul>
 *   <li>A retry after the first attempt committed either fails on the state the first left behind, or succeeds again
 *   and then finds the key taken; either way it is rolled back and answered with the first outcome.</li>
 *   <li>A concurrent retry runs into the first attempt's uncommitted rows (its events or its key), waits for it to
 *   commit, and ends the same way.</li>
 *   <li>A failed command stores no key, so a retry after a rejection is judged afresh.</li>
 * </ul>
 * Compared with claiming the key first and saving the outcome last, this saves one statement per command. Keys are
 * scoped to the caller, and kept for {@link #RETENTION}.
 */
@Component
public class IdempotencyStore {

    public static final Duration RETENTION = Duration.ofHours(24);

    /** The stored outcome of a command. */
    public record Outcome(int status, String deviceId, long version, boolean replayed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    IdempotencyStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Runs {@code command} once per (caller, key).
     *
     * @param fingerprint what the request asked for; a reused key with a different request is refused
     * @throws IdempotencyKeyReused when the key was used for a different request
     */
    public Outcome execute(String callerId, String key, String fingerprint, Supplier<Outcome> command) {
        if (key == null) {
            return tx.execute(status -> command.get());
        }
        Optional<Outcome> first;
        try {
            first = tx.execute(status -> {
                Outcome outcome = command.get();
                int stored = jdbc.update("""
                                insert into idempotency_key (caller_id, idem_key, fingerprint, status, device_id, version, created_at)
                                values (?, ?, ?, ?, ?::uuid, ?, ?) on conflict do nothing""",
                        callerId, key, fingerprint, outcome.status(), outcome.deviceId(), outcome.version(),
                        Timestamp.from(clock.instant()));
                if (stored == 0) {
                    status.setRollbackOnly();
                    return Optional.<Outcome>empty();
                }
                return Optional.of(outcome);
            });
        } catch (RuntimeException failure) {
            // A retry of a command that already succeeded fails on the state it left behind: answer as the first time.
            return find(callerId, key, fingerprint).orElseThrow(() -> failure);
        }
        return first.orElseGet(() -> find(callerId, key, fingerprint)
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + key)));
    }

    /** The stored outcome of an earlier request with this key, if one committed. */
    private Optional<Outcome> find(String callerId, String key, String fingerprint) {
        return jdbc.query("select fingerprint, status, device_id, version from idempotency_key "
                                + "where caller_id = ? and idem_key = ?",
                        rs -> rs.next() ? Optional.of(new Object[]{rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)})
                                : Optional.<Object[]>empty(),
                        callerId, key)
                .map(row -> {
                    if (!fingerprint.equals(row[0])) {
                        throw new IdempotencyKeyReused(key);
                    }
                    return new Outcome((Integer) row[1], (String) row[2], (Long) row[3], true);
                });
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purgeExpired() {
        jdbc.update("delete from idempotency_key where created_at < ?",
                Timestamp.from(clock.instant().minus(RETENTION)));
    }

    /** A key was sent again with a different request. */
    public static class IdempotencyKeyReused extends RuntimeException {
        public IdempotencyKeyReused(String key) {
            super("Idempotency-Key '" + key + "' was already used for a different request");
        }
    }
}
