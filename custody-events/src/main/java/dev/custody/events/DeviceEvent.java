package dev.custody.events;

import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.LifecycleStep;
import dev.custody.values.DeviceId;
import dev.custody.values.ExtractionType;
import dev.custody.values.ForceCode;
import dev.custody.values.Holder;
import dev.custody.values.LabId;
import dev.custody.values.LabelFormat;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.ReplacementKind;
import dev.custody.values.Reseizure;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.ScopeReview;
import dev.custody.values.SealCheck;
import dev.custody.values.SeizureDetails;

import java.time.Instant;

/**
 * Everything that can happen to a seized device, in the past tense.
 * <p>
 * Contract: these records are stored in the event store under their binary class name and published to Kafka
 * under their simple name. A stored event is never renamed or moved; a changed shape gets a revision and an
 * upcaster. Every event says when it happened ({@code occurredAt}), when the system was told
 * ({@code recordedAt}) and by whom ({@code actor}, the authenticated caller).
 * No event carries personal contact details.
 */
public sealed interface DeviceEvent {

    DeviceId deviceId();

    Instant occurredAt();

    Instant recordedAt();

    Actor actor();

    /** The step of the custody lifecycle this event records; see {@link LifecycleStep} for the whole table. */
    LifecycleStep step();

    /** The stage a device is in after this event, given the stage before it. */
    default CustodyStage stageAfter(CustodyStage before) {
        return step().stageAfter(before);
    }

    /** Steps of the device's custody lifecycle; notes about the device (such as notifications) are not. */
    default boolean advancesLifecycle() {
        return step().advancesLifecycle();
    }

    /**
     * A device was taken, for the first time or again after a return.
     *
     * @param seizureNumber 1 for the first seizure, 2 for the first re-seizure, and so on
     * @param reseizure     set on a re-seizure: when the device was returned and how long ago
     * @param scopeReview   the date-range limit applied and whether this seizure exceeds it
     */
    record DeviceSeized(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                        ForceCode force, int seizureNumber, Reseizure reseizure,
                        SeizureDetails details, ScopeReview scopeReview) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.SEIZURE;
        }
    }

    /** The device changed hands outside the lab, e.g. officer to property store. The seal was checked. */
    record CustodyTransferred(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                              Holder from, Holder to, SealCheck sealCheck) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.CUSTODY_TRANSFER;
        }
    }

    /** A forensic lab booked the device in. */
    record DeviceReceivedAtLab(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                               LabId lab, Holder from, SealCheck sealCheck) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.LAB_RECEIPT;
        }
    }

    /** @param attempt 1 for the first download of this seizure, counting failed and repeated ones */
    record DownloadStarted(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                           int attempt, String tool, ExtractionType extractionType) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.DOWNLOAD_START;
        }
    }

    /** @param sha256 hex SHA-256 of the extraction image, the evidence hash */
    record DownloadCompleted(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                             int attempt, String sha256, long sizeBytes) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.DOWNLOAD_COMPLETION;
        }
    }

    record DownloadFailed(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                          int attempt, String reason) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.DOWNLOAD_FAILURE;
        }
    }

    /**
     * The extraction was re-hashed and matched the hash taken at completion. Usually straight after the download;
     * a verification logged once examination has begun leaves the device in its examination stage.
     */
    record DownloadVerified(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                            int attempt, String sha256) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.DOWNLOAD_VERIFICATION;
        }
    }

    record ExaminationStarted(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor)
            implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.EXAMINATION_START;
        }
    }

    /** @param relevantMaterialFound false when the examination found nothing relevant to the case */
    record ExaminationCompleted(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                                boolean relevantMaterialFound, String summary) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.EXAMINATION_COMPLETION;
        }
    }

    /** @param replacementNumber 1 for the first replacement lent for this device */
    record ReplacementIssued(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                             int replacementNumber, ReplacementKind kind, String note) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.REPLACEMENT_ISSUE;
        }
    }

    record ReplacementReturned(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                               int replacementNumber) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.REPLACEMENT_RETURN;
        }
    }

    /** A supervisor authorised keeping the device until {@code until}. */
    record RetentionExtended(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                             Instant until, String reason) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.RETENTION_EXTENSION;
        }
    }

    /** The person withdrew agreement: extraction stops and the device must go back. */
    record AgreementWithdrawn(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                              String note) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.AGREEMENT_WITHDRAWAL;
        }
    }

    /** The device can be collected: the force has finished with it, or must give it back. The owner is told. */
    record DeviceReadyForCollection(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                                    String note) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.READY_FOR_COLLECTION;
        }
    }

    record DeviceReturned(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                          ReturnRecipient returnedTo, String note) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.RETURN;
        }
    }

    /**
     * An update reached the victim (or their ISVA). A note about the device, not a lifecycle step.
     *
     * @param reason           why the update was sent, e.g. {@code device-ready}
     * @param messageReference the notifier's message id, or the officer's note reference
     */
    record VictimNotified(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                          NotificationChannel channel, Language language, String reason,
                          String messageReference) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.VICTIM_NOTIFICATION;
        }
    }

    /**
     * A label was printed for the device: its first, or a reprint. A note about the device, not a lifecycle step.
     *
     * @param code   the device's label code, opaque and the same on every label of the device (see
     *               {@code docs/web.md}, labels)
     * @param copy   1 for the device's first label, 2 for the first reprint, and so on
     * @param format the paper it was printed on
     */
    record LabelPrinted(DeviceId deviceId, Instant occurredAt, Instant recordedAt, Actor actor,
                        String code, int copy, LabelFormat format) implements DeviceEvent {
        @Override
        public LifecycleStep step() {
            return LifecycleStep.LABEL_PRINT;
        }
    }
}
