package dev.custody.notifier.sendlog;

import dev.custody.notifier.template.Template;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One send-log row. {@code id} is the message reference recorded in VictimNotified. */
public record OutgoingMessage(UUID id, String sourceEventId, String recipient, Template template, DeviceId deviceId,
                              ForceCode force, Map<String, String> params, String sourceTopic, String sourceKey,
                              String sourceValue, SendStatus status, int attempts, Instant nextAttemptAt,
                              Instant heldSince, String channel, String recordedChannel, String language, String outcomeReason,
                              String providerReference, Instant createdAt, Instant settledAt, String recordState,
                              int recordAttempts) {

    public boolean toVictim() {
        return template.audience() == Template.Audience.VICTIM;
    }
}
