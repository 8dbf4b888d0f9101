package dev.custody.commands;

import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.ExtractionType;
import dev.custody.values.Holder;
import dev.custody.values.LabId;
import dev.custody.values.LabelFormat;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.SealCheck;
import dev.custody.values.SeizureDetails;

import java.time.Instant;

/**
 * What callers ask of a device's custody record, in the imperative.
 * <p>
 * Every command names its device, says when the step happened in the real world ({@code occurredAt}) and who is
 * asking ({@code actor}). The actor is filled from the authenticated principal by the HTTP layer; it is never read
 * from a request body.
 */
public sealed interface DeviceCommand {

    DeviceId deviceId();

    Instant occurredAt();

    Actor actor();

    /** Take a device that has no custody record yet. */
    record SeizeDevice(DeviceId deviceId, Instant occurredAt, Actor actor, SeizureDetails details)
            implements DeviceCommand {
    }

    /** Take again a device that was returned. */
    record ReseizeDevice(DeviceId deviceId, Instant occurredAt, Actor actor, SeizureDetails details)
            implements DeviceCommand {
    }

    record TransferCustody(DeviceId deviceId, Instant occurredAt, Actor actor, Holder to, SealCheck sealCheck)
            implements DeviceCommand {
    }

    record ReceiveAtLab(DeviceId deviceId, Instant occurredAt, Actor actor, LabId lab, SealCheck sealCheck)
            implements DeviceCommand {
    }

    record StartDownload(DeviceId deviceId, Instant occurredAt, Actor actor, String tool,
                         ExtractionType extractionType) implements DeviceCommand {
    }

    record CompleteDownload(DeviceId deviceId, Instant occurredAt, Actor actor, int attempt, String sha256,
                            long sizeBytes) implements DeviceCommand {
    }

    record FailDownload(DeviceId deviceId, Instant occurredAt, Actor actor, int attempt, String reason)
            implements DeviceCommand {
    }

    record VerifyDownload(DeviceId deviceId, Instant occurredAt, Actor actor, int attempt, String sha256)
            implements DeviceCommand {
    }

    record StartExamination(DeviceId deviceId, Instant occurredAt, Actor actor) implements DeviceCommand {
    }

    record CompleteExamination(DeviceId deviceId, Instant occurredAt, Actor actor, boolean relevantMaterialFound,
                               String summary) implements DeviceCommand {
    }

    record IssueReplacement(DeviceId deviceId, Instant occurredAt, Actor actor, ReplacementKind kind, String note)
            implements DeviceCommand {
    }

    record ReturnReplacement(DeviceId deviceId, Instant occurredAt, Actor actor, int replacementNumber)
            implements DeviceCommand {
    }

    record ExtendRetention(DeviceId deviceId, Instant occurredAt, Actor actor, Instant until, String reason)
            implements DeviceCommand {
    }

    record WithdrawAgreement(DeviceId deviceId, Instant occurredAt, Actor actor, String note)
            implements DeviceCommand {
    }

    /** Tell the owner the device can be collected. Allowed after withdrawal of agreement. */
    record MarkReadyForCollection(DeviceId deviceId, Instant occurredAt, Actor actor, String note)
            implements DeviceCommand {
    }

    record ReturnDevice(DeviceId deviceId, Instant occurredAt, Actor actor, ReturnRecipient returnedTo, String note)
            implements DeviceCommand {
    }

    /** Record that an update reached the victim; allowed at any time, including after return. */
    record RecordVictimNotified(DeviceId deviceId, Instant occurredAt, Actor actor, NotificationChannel channel,
                                Language language, String reason, String messageReference)
            implements DeviceCommand {
    }

    /**
     * Record that a label was printed for the device, with its label code.
     *
     * @param code the device's label code: the one it already has, or a newly minted one for its first label
     */
    record PrintLabel(DeviceId deviceId, Instant occurredAt, Actor actor, String code, LabelFormat format)
            implements DeviceCommand {
    }
}
