package dev.custody.device;

import dev.custody.commands.DeviceCommand.CompleteDownload;
import dev.custody.commands.DeviceCommand.CompleteExamination;
import dev.custody.commands.DeviceCommand.ExtendRetention;
import dev.custody.commands.DeviceCommand.FailDownload;
import dev.custody.commands.DeviceCommand.IssueReplacement;
import dev.custody.commands.DeviceCommand.MarkReadyForCollection;
import dev.custody.commands.DeviceCommand.PrintLabel;
import dev.custody.commands.DeviceCommand.ReceiveAtLab;
import dev.custody.commands.DeviceCommand.RecordVictimNotified;
import dev.custody.commands.DeviceCommand.ReseizeDevice;
import dev.custody.commands.DeviceCommand.ReturnDevice;
import dev.custody.commands.DeviceCommand.ReturnReplacement;
import dev.custody.commands.DeviceCommand.SeizeDevice;
import dev.custody.commands.DeviceCommand.StartDownload;
import dev.custody.commands.DeviceCommand.StartExamination;
import dev.custody.commands.DeviceCommand.TransferCustody;
import dev.custody.commands.DeviceCommand.VerifyDownload;
import dev.custody.commands.DeviceCommand.WithdrawAgreement;
import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.AgreementWithdrawn;
import dev.custody.events.DeviceEvent.CustodyTransferred;
import dev.custody.events.DeviceEvent.DeviceReadyForCollection;
import dev.custody.events.DeviceEvent.DeviceReceivedAtLab;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DeviceSeized;
import dev.custody.events.DeviceEvent.DownloadCompleted;
import dev.custody.events.DeviceEvent.DownloadFailed;
import dev.custody.events.DeviceEvent.DownloadStarted;
import dev.custody.events.DeviceEvent.DownloadVerified;
import dev.custody.events.DeviceEvent.ExaminationCompleted;
import dev.custody.events.DeviceEvent.ExaminationStarted;
import dev.custody.events.DeviceEvent.LabelPrinted;
import dev.custody.events.DeviceEvent.ReplacementIssued;
import dev.custody.events.DeviceEvent.ReplacementReturned;
import dev.custody.events.DeviceEvent.RetentionExtended;
import dev.custody.events.DeviceEvent.VictimNotified;
import dev.custody.values.LifecycleStep;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.DeviceId;
import dev.custody.values.ForceCode;
import dev.custody.values.Holder;
import dev.custody.values.Holder.HolderKind;
import dev.custody.values.LegalBasis;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Reseizure;
import dev.custody.values.Role;
import dev.custody.values.ScopeReview;
import dev.custody.values.SeizureDetails;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One custody record per seized device: the consistency boundary for every step of its life.
 * <p>
 * Each command handler checks the rules against the current state and then applies an event; state changes only in
 * the {@code @EventSourcingHandler}s. Handlers return the record's new version (the sequence number of the last
 * event), which the HTTP layer hands back as an ETag for optimistic concurrency.
 */
@Aggregate(commandTargetResolver = "deviceCommandTargetResolver")
public class DeviceCustody {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private DeviceId id;
    /** Events applied so far; the record's version is the last event's sequence number, one less. */
    private long eventCount;
    private ForceCode force;
    private LegalBasis legalBasis;
    private CustodyStage stage;
    private Holder holder;
    private Instant lastStepAt;
    private int seizureNumber;
    private Instant returnedAt;
    private int downloadAttempt;
    private String completedDownloadHash;
    private boolean currentDownloadVerified;
    private int replacementsIssued;
    private int activeReplacement;
    private boolean agreementWithdrawn;
    private String labelCode;
    private int labelsPrinted;

    /** Required by Axon to rebuild the record from its events. */
    protected DeviceCustody() {
    }

    @CommandHandler
    public DeviceCustody(SeizeDevice command, Clock clock, CustodyPolicy policy) {
        ForceCode actorForce = requireActorForce(command.actor());
        requireNotInFuture(command.occurredAt(), clock, policy);
        ScopeReview review = SeizureForm.check(command.details(), policy.dateRangeLimit(actorForce), policy.substance());
        apply(new DeviceSeized(command.deviceId(), command.occurredAt(), clock.instant(), command.actor(),
                actorForce, 1, null, command.details(), review));
    }

    @CommandHandler
    public long handle(ReseizeDevice command, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(command.actor());
        requireTiming(command.occurredAt(), clock, policy);
        if (!LifecycleStep.SEIZURE.isAllowedFrom(stage)) {
            throw RuleViolation.conflict("device-already-held",
                    "the device is still held (stage " + stage + "); only a returned device can be seized again");
        }
        SeizureDetails details = command.details();
        ScopeReview review = SeizureForm.check(details, policy.dateRangeLimit(force), policy.substance());
        Reseizure reseizure = new Reseizure(returnedAt, Duration.between(returnedAt, command.occurredAt()));
        apply(new DeviceSeized(id, command.occurredAt(), clock.instant(), command.actor(), force,
                seizureNumber + 1, reseizure, details, review));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(TransferCustody command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.CUSTODY_TRANSFER, "transfer custody");
        if (command.to() == null || command.to().kind() == null || isBlank(command.to().name())) {
            throw RuleViolation.unprocessable("holder-required", "say who now holds the device", "to");
        }
        if (command.to().kind() == HolderKind.LAB) {
            throw RuleViolation.unprocessable("lab-receipt-required",
                    "a lab books a device in with a lab receipt, not a transfer", "to.kind");
        }
        if (command.to().kind() == HolderKind.OWNER) {
            throw RuleViolation.unprocessable("return-required",
                    "handing the device back to its owner is a return, not a transfer", "to.kind");
        }
        requireSealCheck(command.sealCheck());
        apply(new CustodyTransferred(id, command.occurredAt(), clock.instant(), command.actor(), holder,
                command.to(), command.sealCheck()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(ReceiveAtLab command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.LAB_RECEIPT, "receive at lab");
        if (command.lab() == null) {
            throw RuleViolation.unprocessable("lab-required", "the receiving lab is not known for this user", "lab");
        }
        requireSealCheck(command.sealCheck());
        apply(new DeviceReceivedAtLab(id, command.occurredAt(), clock.instant(), command.actor(), command.lab(),
                holder, command.sealCheck()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(StartDownload command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.DOWNLOAD_START, "start a download");
        apply(new DownloadStarted(id, command.occurredAt(), clock.instant(), command.actor(), downloadAttempt + 1,
                command.tool(), command.extractionType()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(CompleteDownload command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.DOWNLOAD_COMPLETION, "complete a download");
        requireCurrentAttempt(command.attempt());
        String hash = requireSha256(command.sha256());
        if (command.sizeBytes() <= 0) {
            throw RuleViolation.unprocessable("invalid-size", "the extraction size must be positive", "sizeBytes");
        }
        apply(new DownloadCompleted(id, command.occurredAt(), clock.instant(), command.actor(), command.attempt(),
                hash, command.sizeBytes()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(FailDownload command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.DOWNLOAD_FAILURE, "fail a download");
        requireCurrentAttempt(command.attempt());
        if (isBlank(command.reason())) {
            throw RuleViolation.unprocessable("reason-required", "say why the download failed", "reason");
        }
        apply(new DownloadFailed(id, command.occurredAt(), clock.instant(), command.actor(), command.attempt(),
                command.reason()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(VerifyDownload command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        // Verification may be logged after examination began: the lab must still be able to prove the image.
        requireStep(LifecycleStep.DOWNLOAD_VERIFICATION, "verify a download");
        requireCurrentAttempt(command.attempt());
        if (currentDownloadVerified) {
            throw RuleViolation.conflict("out-of-order", "download attempt " + downloadAttempt + " is already verified");
        }
        String hash = requireSha256(command.sha256());
        if (!hash.equals(completedDownloadHash)) {
            throw RuleViolation.unprocessable("hash-mismatch",
                    "the re-computed SHA-256 does not match the hash taken when the download completed; "
                            + "the download is not verified and should be repeated", "sha256");
        }
        apply(new DownloadVerified(id, command.occurredAt(), clock.instant(), command.actor(), command.attempt(), hash));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(StartExamination command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.EXAMINATION_START, "start an examination");
        apply(new ExaminationStarted(id, command.occurredAt(), clock.instant(), command.actor()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(CompleteExamination command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.EXAMINATION_COMPLETION, "complete an examination");
        apply(new ExaminationCompleted(id, command.occurredAt(), clock.instant(), command.actor(),
                command.relevantMaterialFound(), command.summary()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(IssueReplacement command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.REPLACEMENT_ISSUE, "issue a replacement");
        if (activeReplacement != 0) {
            throw RuleViolation.conflict("replacement-already-issued",
                    "replacement " + activeReplacement + " is still with the owner; record its return first");
        }
        if (command.kind() == null) {
            throw RuleViolation.unprocessable("replacement-kind-required", "say which kind of replacement", "kind");
        }
        apply(new ReplacementIssued(id, command.occurredAt(), clock.instant(), command.actor(),
                replacementsIssued + 1, command.kind(), command.note()));
        return eventCount - 1;
    }

    /** Allowed after the device's return and after withdrawal: the owner gives the loan phone back. */
    @CommandHandler
    public long handle(ReturnReplacement command, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(command.actor());
        requireTiming(command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.REPLACEMENT_RETURN, "return a replacement");
        if (activeReplacement == 0 || activeReplacement != command.replacementNumber()) {
            throw RuleViolation.conflict("no-such-replacement",
                    "replacement " + command.replacementNumber() + " is not out"
                            + (activeReplacement == 0 ? "; none is" : "; replacement " + activeReplacement + " is"));
        }
        apply(new ReplacementReturned(id, command.occurredAt(), clock.instant(), command.actor(),
                command.replacementNumber()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(ExtendRetention command, Clock clock, CustodyPolicy policy) {
        if (!command.actor().has(Role.SUPERVISOR)) {
            throw RuleViolation.forbidden("supervisor-only", "only a supervisor may authorise longer retention");
        }
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.RETENTION_EXTENSION, "extend retention");
        if (command.until() == null || !command.until().isAfter(command.occurredAt())) {
            throw RuleViolation.unprocessable("retention-until-invalid",
                    "the authorised date must be after the authorisation", "until");
        }
        if (isBlank(command.reason())) {
            throw RuleViolation.unprocessable("reason-required",
                    "say why the device must be kept longer: the victim is told this reason", "reason");
        }
        apply(new RetentionExtended(id, command.occurredAt(), clock.instant(), command.actor(), command.until(),
                command.reason()));
        return eventCount - 1;
    }

    @CommandHandler
    public long handle(WithdrawAgreement command, Clock clock, CustodyPolicy policy) {
        requireOpenLifecycle(command.actor(), command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.AGREEMENT_WITHDRAWAL, "record a withdrawal of agreement");
        if (legalBasis == null || !legalBasis.restsOnAgreement()) {
            throw RuleViolation.conflict("agreement-not-applicable",
                    "the device is held under " + legalBasis + ", not on agreement");
        }
        apply(new AgreementWithdrawn(id, command.occurredAt(), clock.instant(), command.actor(), command.note()));
        return eventCount - 1;
    }

    /** Allowed after withdrawal: the device must then go back, and the owner is asked to collect it. */
    @CommandHandler
    public long handle(MarkReadyForCollection command, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(command.actor());
        requireTiming(command.occurredAt(), clock, policy);
        requireHeld();
        if (!LifecycleStep.READY_FOR_COLLECTION.isAllowedFrom(stage)) {
            throw RuleViolation.conflict("out-of-order", "the device is already ready for collection");
        }
        apply(new DeviceReadyForCollection(id, command.occurredAt(), clock.instant(), command.actor(), command.note()));
        return eventCount - 1;
    }

    /** Allowed after withdrawal: that is exactly when the device must go back. */
    @CommandHandler
    public long handle(ReturnDevice command, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(command.actor());
        requireTiming(command.occurredAt(), clock, policy);
        requireHeld();
        requireStep(LifecycleStep.RETURN, "return the device");
        ReturnRecipient to = command.returnedTo() == null ? ReturnRecipient.OWNER : command.returnedTo();
        apply(new DeviceReturned(id, command.occurredAt(), clock.instant(), command.actor(), to, command.note()));
        return eventCount - 1;
    }

    /** A note about the device, not a lifecycle step: allowed in any stage, and not ordered against the steps. */
    @CommandHandler
    public long handle(RecordVictimNotified command, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(command.actor());
        requireNotInFuture(command.occurredAt(), clock, policy);
        requireStep(LifecycleStep.VICTIM_NOTIFICATION, "record a victim update");
        if (command.channel() == null) {
            throw RuleViolation.unprocessable("channel-required", "say how the update reached the victim", "channel");
        }
        if (isBlank(command.reason())) {
            throw RuleViolation.unprocessable("reason-required", "say what the update was about", "reason");
        }
        apply(new VictimNotified(id, command.occurredAt(), clock.instant(), command.actor(), command.channel(),
                command.language(), command.reason(), command.messageReference()));
        return eventCount - 1;
    }

    /**
     * A note about the device, like a notification: allowed while it is held, and not ordered against the steps. A
     * device keeps one label code for life; a label with another code is refused.
     */
    @CommandHandler
    public long handle(PrintLabel command, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(command.actor());
        requireNotInFuture(command.occurredAt(), clock, policy);
        requireHeld();
        if (command.format() == null) {
            throw RuleViolation.unprocessable("label-format-required", "say which paper the label is printed on",
                    "format");
        }
        if (LabelCode.read(command.code()).filter(command.code()::equals).isEmpty()) {
            throw RuleViolation.unprocessable("invalid-label-code", "the label code is not a valid code", "code");
        }
        if (labelCode != null && !labelCode.equals(command.code())) {
            throw RuleViolation.conflict("label-code-differs",
                    "the device's labels carry the code " + labelCode + ", not " + command.code());
        }
        apply(new LabelPrinted(id, command.occurredAt(), clock.instant(), command.actor(), command.code(),
                labelsPrinted + 1, command.format()));
        return eventCount - 1;
    }

    // ---- rules shared by the handlers ----

    private void requireOpenLifecycle(Actor actor, Instant occurredAt, Clock clock, CustodyPolicy policy) {
        requireVisibleTo(actor);
        requireTiming(occurredAt, clock, policy);
        requireHeld();
        if (agreementWithdrawn) {
            throw RuleViolation.conflict("agreement-withdrawn",
                    "agreement was withdrawn: extraction has stopped and only the device's return may follow");
        }
    }

    private void requireHeld() {
        if (!stage.isHeld()) {
            throw RuleViolation.conflict("device-returned",
                    "the device was returned; only a replacement's return or a new seizure may follow");
        }
    }

    /** The lifecycle table ({@link LifecycleStep}) says from which stages a step may be taken. */
    private void requireStep(LifecycleStep step, String doing) {
        if (!step.isAllowedFrom(stage)) {
            throw RuleViolation.conflict("out-of-order",
                    "cannot " + doing + " while the device is " + stage + "; allowed from " + step.allowedFrom());
        }
    }

    private void requireCurrentAttempt(int attempt) {
        if (attempt != downloadAttempt) {
            throw RuleViolation.conflict("not-current-download",
                    "download attempt " + attempt + " is not the current one (" + downloadAttempt + ")");
        }
    }

    private void requireTiming(Instant occurredAt, Clock clock, CustodyPolicy policy) {
        requireNotInFuture(occurredAt, clock, policy);
        if (lastStepAt != null && occurredAt.isBefore(lastStepAt)) {
            throw RuleViolation.unprocessable("occurred-at-before-previous-step",
                    "occurredAt " + occurredAt + " is earlier than the previous step at " + lastStepAt, "occurredAt");
        }
    }

    private static void requireNotInFuture(Instant occurredAt, Clock clock, CustodyPolicy policy) {
        if (occurredAt == null) {
            throw RuleViolation.unprocessable("occurred-at-required", "say when the step happened", "occurredAt");
        }
        if (occurredAt.isAfter(clock.instant().plus(policy.clockSkew()))) {
            throw RuleViolation.unprocessable("occurred-at-in-future",
                    "occurredAt " + occurredAt + " is in the future", "occurredAt");
        }
    }

    private static ForceCode requireActorForce(Actor actor) {
        if (actor.force() == null) {
            throw RuleViolation.forbidden("force-required", "only a user attached to a force can seize a device");
        }
        return actor.force();
    }

    /** Another force's record answers as one that does not exist: no existence oracle. */
    private void requireVisibleTo(Actor actor) {
        if (!actor.canSee(force)) {
            throw RuleViolation.notFound("device-not-found", "there is no custody record " + id);
        }
    }

    private static void requireSealCheck(dev.custody.values.SealCheck check) {
        if (check == null || isBlank(check.sealNumber())) {
            throw RuleViolation.unprocessable("seal-check-required",
                    "read the seal number at every hand-over", "sealCheck.sealNumber");
        }
    }

    private static String requireSha256(String sha256) {
        String hash = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hash).matches()) {
            throw RuleViolation.unprocessable("invalid-sha256", "sha256 must be 64 hexadecimal characters", "sha256");
        }
        return hash;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    // ---- state, changed only here ----

    private void track(DeviceEvent event) {
        eventCount++;
        if (event.advancesLifecycle()) {
            lastStepAt = event.occurredAt();
            stage = event.stageAfter(stage);
        }
    }

    @EventSourcingHandler
    void on(DeviceSeized event) {
        track(event);
        id = event.deviceId();
        force = event.force();
        seizureNumber = event.seizureNumber();
        legalBasis = event.details().legal().basis();
        holder = new Holder(HolderKind.OFFICER, event.actor().id());
        downloadAttempt = 0;
        completedDownloadHash = null;
        currentDownloadVerified = false;
        agreementWithdrawn = false;
    }

    @EventSourcingHandler
    void on(CustodyTransferred event) {
        track(event);
        holder = event.to();
    }

    @EventSourcingHandler
    void on(DeviceReceivedAtLab event) {
        track(event);
        holder = new Holder(HolderKind.LAB, event.lab().value());
    }

    @EventSourcingHandler
    void on(DownloadStarted event) {
        track(event);
        downloadAttempt = event.attempt();
        completedDownloadHash = null;
        currentDownloadVerified = false;
    }

    @EventSourcingHandler
    void on(DownloadCompleted event) {
        track(event);
        completedDownloadHash = event.sha256();
    }

    @EventSourcingHandler
    void on(DownloadFailed event) {
        track(event);
    }

    @EventSourcingHandler
    void on(DownloadVerified event) {
        track(event);
        currentDownloadVerified = true;
    }

    @EventSourcingHandler
    void on(ExaminationStarted event) {
        track(event);
    }

    @EventSourcingHandler
    void on(ExaminationCompleted event) {
        track(event);
    }

    @EventSourcingHandler
    void on(ReplacementIssued event) {
        track(event);
        replacementsIssued = event.replacementNumber();
        activeReplacement = event.replacementNumber();
    }

    @EventSourcingHandler
    void on(ReplacementReturned event) {
        track(event);
        activeReplacement = 0;
    }

    @EventSourcingHandler
    void on(RetentionExtended event) {
        track(event);
    }

    @EventSourcingHandler
    void on(AgreementWithdrawn event) {
        track(event);
        agreementWithdrawn = true;
    }

    @EventSourcingHandler
    void on(DeviceReadyForCollection event) {
        track(event);
    }

    @EventSourcingHandler
    void on(DeviceReturned event) {
        track(event);
        returnedAt = event.occurredAt();
        holder = new Holder(HolderKind.OWNER, event.returnedTo().name());
    }

    @EventSourcingHandler
    void on(VictimNotified event) {
        track(event);
    }

    @EventSourcingHandler
    void on(LabelPrinted event) {
        track(event);
        labelCode = event.code();
        labelsPrinted = event.copy();
    }
}
