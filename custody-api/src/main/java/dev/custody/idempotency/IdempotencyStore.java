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
 * The key is claimed, the command runs and its outcome is saved in one database transaction, the same one the
 * event store appends in. A concurrent retry blocks on the key's row until the first commits, then reads its
 * outcome. A failed command rolls back its claim, so a retry after a rejection is judged afresh. Keys are scoped to
 * the caller, and kept for {@link #RETENTION}.
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
        return tx.execute(status -> {
            int claimed = jdbc.update("""
                    insert into idempotency_key (caller_id, idem_key, fingerprint, created_at)
                    values (?, ?, ?, ?) on conflict do nothing""",
                    callerId, key, fingerprint, Timestamp.from(clock.instant()));
            if (claimed == 0) {
                return replay(callerId, key, fingerprint);
            }
            Outcome outcome = command.get();
            jdbc.update("update idempotency_key set status = ?, device_id = ?::uuid, version = ? "
                            + "where caller_id = ? and idem_key = ?",
                    outcome.status(), outcome.deviceId(), outcome.version(), callerId, key);
            return outcome;
        });
    }

    private Outcome replay(String callerId, String key, String fingerprint) {
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
                })
                .orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + key));
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
