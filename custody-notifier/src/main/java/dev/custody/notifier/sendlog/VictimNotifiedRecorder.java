package dev.custody.notifier.sendlog;

import dev.custody.commands.DeviceCommand.RecordVictimNotified;
import dev.custody.values.Actor;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closes the loop: a delivered victim message becomes a VictimNotified event in the device's audited history, sent as
 * the notifier service of the device's force. That event feeds the victim-update-overdue rule and this notifier's own
 * regular-update schedule.
 */
final class VictimNotifiedRecorder {

    static final String ACTOR_ID = "custody-notifier";

    /** How a recording went: done, worth another try, or refused for good. */
    enum Outcome {
        RECORDED,
        RETRY,
        REJECTED
    }

    record Result(Outcome outcome, String reason) {
    }

    private final ObjectProvider<CommandGateway> gateway;
    private final Duration timeout;

    VictimNotifiedRecorder(ObjectProvider<CommandGateway> gateway, Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    Result record(OutgoingMessage message, Instant sentAt, NotificationChannel channel, Language language) {
        CommandGateway commands = gateway.getIfAvailable();
        if (commands == null) {
            return new Result(Outcome.REJECTED, "no command gateway on this node");
        }
        Actor actor = new Actor(ACTOR_ID, Set.of(Role.NOTIFIER), message.force(), null);
        try {
            CompletableFuture<Object> sent = commands.send(new RecordVictimNotified(message.deviceId(), sentAt, actor,
                    channel, language, message.template().fileName(), message.id().toString()));
            sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(Outcome.RECORDED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.RETRY, "interrupted");
        } catch (TimeoutException e) {
            return new Result(Outcome.RETRY, "command timed out");
        } catch (ExecutionException e) {
            return classify(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            return classify(e);
        }
    }

    /**
     * The command side refuses with its rule violations (device returned, other force, unknown device): those do not
     * change on a retry. Anything else (database down, timeouts) is retried. The notifier does not depend on the
     * command side's classes, so the refusal is recognised by name.
     */
    static Result classify(Throwable failure) {
        String type = failure.getClass().getSimpleName();
        String reason = "VictimNotified not recorded: " + type;
        if (type.equals("RuleViolation") || type.equals("AggregateNotFoundException")
                || failure instanceof IllegalArgumentException) {
            // Includes a refusal because the device went back meanwhile: the message still reached the person, and
            // the send log keeps the proof; retrying would not change the answer.
            return new Result(Outcome.REJECTED, reason + " (" + failure.getMessage() + ")");
        }
        return new Result(Outcome.RETRY, reason);
    }
}
