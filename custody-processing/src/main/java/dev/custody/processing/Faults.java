package dev.custody.processing;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a fault that would hit any event from one that belongs to the event in hand.
 * <p>
 * The rule: <b>a failure is transient when anything in its cause chain says that a resource is away or busy</b> —
 * the database (a connection that cannot be made or was lost, SQL states of class 08, 53, 57 or 58, a serialisation
 * failure, a deadlock, a lock not granted, Spring's transient and resource-failure exceptions, a transaction that
 * cannot begin), the broker (Kafka's retriable exceptions, such as timeouts and lost leaders, and its
 * authentication and authorisation failures, which a configuration change heals), any I/O or timeout, an
 * interrupted thread, or a JVM in trouble ({@link VirtualMachineError}). Reading JSON is not I/O here: a Jackson
 * failure is the event's own. Everything else — a constraint or a value the database refuses, a record the broker
 * will never accept, a payload that cannot be read, an exception in a handler — is the event's own fault: it is
 * retried a bounded number of times and then quarantined.
 * <p>
 * A transient fault is never quarantined: the processor keeps retrying from the same position, with backoff, until
 * the resource is back, because quarantining would set aside every event that happened to arrive during an outage.
 * Kafka classes are matched by name, so modules without the Kafka client can use this class.
 */
public final class Faults {

    /** SQL state classes and codes that mean "the database is away or busy", not "this row is wrong". */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57", "58");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "55006");
    private static final Set<String> TRANSIENT_KAFKA = Set.of(
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.InterruptException",
            "org.apache.kafka.common.errors.AuthenticationException",
            "org.apache.kafka.common.errors.AuthorizationException");
    private static final String JACKSON = "com.fasterxml.jackson.core.JacksonException";
    private static final int MAX_MESSAGE = 2000;

    private Faults() {
    }

    /** True when the failure says a resource is away or busy, not that the event is at fault (see the class). */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof VirtualMachineError || t instanceof InterruptedException
                    || t instanceof TimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof IOException && !isA(t, JACKSON)
                    || t instanceof SQLException sql && transientState(sql.getSQLState())
                    || TRANSIENT_KAFKA.stream().anyMatch(name -> isA(t, name))
                    || "org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException"
                    .equals(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The innermost cause, which names what actually went wrong (a wrapper says only where): its class and
     * message, the message cut to a length an operator's table can hold.
     */
    public static Described describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 64; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage();
        // PostgreSQL refuses text with NUL, and an operator's table is no place for control characters.
        message = message.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 1) + "…";
        }
        return new Described(root.getClass().getName(), message);
    }

    /** A failure as an operator reads it. */
    public record Described(String errorClass, String message) {
        @Override
        public String toString() {
            return errorClass + ": " + message;
        }
    }

    private static boolean transientState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_SQL_STATES.contains(state));
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** The failure and its causes (and each SQL exception's chained next exceptions), each once. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty() && out.size() < 64) {
            Throwable t = todo.poll();
            if (seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
        }
        return out;
    }
}
