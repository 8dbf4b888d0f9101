package dev.custody.projections.view;

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
import dev.custody.values.CustodyStage;
import dev.custody.values.DeviceType;
import dev.custody.values.Holder.HolderKind;
import dev.custody.values.LegalBasis;
import dev.custody.values.LifecycleStep;
import dev.custody.values.OwnerRole;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.SealCheck;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.VictimsCodeTier;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the read side knows about one device, folded from its events by {@link #apply}.
 * <p>
 * Contract: the fold is deterministic and depends on nothing but the events, so a rebuild from the event store
 * gives exactly the state live processing gave. Per-seizure facts are reset by a re-seizure; the re-seizure count
 * and the gap since the last return are kept. Stored as JSON in {@code device_status.state}.
 */
public final class DeviceView {

    /** A time-sensitive data flag: what is at risk and when it is believed to disappear. */
    public record AtRisk(String kind, String detail, Instant expiresAt) {
    }

    /**
     * A seal check at a hand-over that failed: the seal was broken, or its number was not the one recorded at
     * seizure (compared ignoring case and surrounding spaces).
     *
     * @param step       the step that checked it: {@code CUSTODY_TRANSFER} or {@code LAB_RECEIPT}
     * @param sealNumber the number read off the seal at that step
     */
    public record SealProblem(Instant at, String step, String sealNumber, boolean intact, boolean numberMatches) {
    }

    private UUID deviceId;
    private String force;
    private String caseReference;
    private DeviceType deviceType;
    private String description;
    private String sealNumber;
    private OwnerRole ownerRole;
    private LegalBasis legalBasis;
    private int seizureNumber;
    private Instant seizedAt;
    /** Who seized the device this time: the officer whose devices these are. */
    private String seizedBy;
    private Instant previousReturnAt;
    private Long reseizureGapSeconds;

    private CustodyStage stage;
    private HolderKind holderKind;
    private String holderName;
    private String lab;

    private Instant receivedAtLabAt;
    private int downloadAttempt;
    private Instant downloadStartedAt;
    private Instant downloadCompletedAt;
    private Instant downloadFailedAt;
    private Instant downloadVerifiedAt;
    private Instant firstDownloadCompletedAt;
    private Instant examinationStartedAt;
    private Instant examinationCompletedAt;
    private Boolean relevantMaterialFound;

    private int replacementsIssued;
    private Integer activeReplacement;
    private ReplacementKind activeReplacementKind;
    private Instant activeReplacementIssuedAt;
    private Instant firstReplacementIssuedAt;

    private Instant retentionUntil;
    private String retentionReason;
    private Instant agreementWithdrawnAt;
    private Instant readyForCollectionAt;
    private Instant returnedAt;
    private ReturnRecipient returnedTo;

    private List<AtRisk> atRisk = new ArrayList<>();
    private VictimsCodeTier victimTier;
    private Integer updateEveryDays;
    private Instant lastVictimUpdateAt;
    private int victimUpdates;

    /** Null while every seal check of this seizure passed, so the stored view of most devices does not grow. */
    private List<SealProblem> sealProblems;

    /** The device's label code, once a label was printed; kept across seizures, like the code itself. */
    private String labelCode;
    /** Labels printed for the device, over all its seizures; null before the first. */
    private Integer labelsPrinted;

    private boolean dateRangeExceedsLimit;
    private LocalDate scopeFrom;
    private LocalDate scopeTo;
    private String longRangeJustification;

    private long version = -1;
    private Instant lastRecordedAt;

    /** For the JSON mapper. */
    DeviceView() {
    }

    /** The view of a device whose first event is {@code seized}. */
    public static DeviceView seized(DeviceSeized seized, long sequenceNumber) {
        DeviceView view = new DeviceView();
        view.apply(seized, sequenceNumber);
        return view;
    }

    /**
     * Folds one event in. Events at or below the current {@link #version()} are ignored, so a redelivered event
     * changes nothing.
     *
     * @return false when the event was a duplicate and nothing changed
     */
    public boolean apply(DeviceEvent event, long sequenceNumber) {
        if (sequenceNumber <= version) {
            return false;
        }
        version = sequenceNumber;
        lastRecordedAt = event.recordedAt();
        if (event.advancesLifecycle()) {
            stage = event.stageAfter(stage);
        }
        // Java 17: no pattern matching for switch, so an instanceof chain; every event type appears once.
        if (event instanceof DeviceSeized e) {
            onSeized(e);
        } else if (event instanceof CustodyTransferred e) {
            holderKind = e.to().kind();
            holderName = e.to().name();
            checkSeal(e.step(), e.occurredAt(), e.sealCheck());
        } else if (event instanceof DeviceReceivedAtLab e) {
            checkSeal(e.step(), e.occurredAt(), e.sealCheck());
            lab = e.lab().value();
            holderKind = HolderKind.LAB;
            holderName = e.lab().value();
            receivedAtLabAt = e.occurredAt();
        } else if (event instanceof DownloadStarted e) {
            downloadAttempt = e.attempt();
            downloadStartedAt = e.occurredAt();
            downloadCompletedAt = null;
            downloadFailedAt = null;
            downloadVerifiedAt = null;
        } else if (event instanceof DownloadCompleted e) {
            downloadCompletedAt = e.occurredAt();
            if (firstDownloadCompletedAt == null) {
                firstDownloadCompletedAt = e.occurredAt();
            }
        } else if (event instanceof DownloadFailed e) {
            downloadFailedAt = e.occurredAt();
        } else if (event instanceof DownloadVerified e) {
            downloadVerifiedAt = e.occurredAt();
        } else if (event instanceof ExaminationStarted e) {
            examinationStartedAt = e.occurredAt();
        } else if (event instanceof ExaminationCompleted e) {
            examinationCompletedAt = e.occurredAt();
            relevantMaterialFound = e.relevantMaterialFound();
        } else if (event instanceof ReplacementIssued e) {
            replacementsIssued = e.replacementNumber();
            activeReplacement = e.replacementNumber();
            activeReplacementKind = e.kind();
            activeReplacementIssuedAt = e.occurredAt();
            if (firstReplacementIssuedAt == null) {
                firstReplacementIssuedAt = e.occurredAt();
            }
        } else if (event instanceof ReplacementReturned) {
            activeReplacement = null;
            activeReplacementKind = null;
            activeReplacementIssuedAt = null;
        } else if (event instanceof RetentionExtended e) {
            retentionUntil = e.until();
            retentionReason = e.reason();
        } else if (event instanceof AgreementWithdrawn e) {
            agreementWithdrawnAt = e.occurredAt();
        } else if (event instanceof DeviceReadyForCollection e) {
            readyForCollectionAt = e.occurredAt();
        } else if (event instanceof DeviceReturned e) {
            returnedAt = e.occurredAt();
            returnedTo = e.returnedTo();
            holderKind = HolderKind.OWNER;
            holderName = e.returnedTo().name();
        } else if (event instanceof LabelPrinted e) {
            labelCode = e.code();
            labelsPrinted = e.copy();
        } else if (event instanceof VictimNotified e) {
            victimUpdates++;
            if (lastVictimUpdateAt == null || e.occurredAt().isAfter(lastVictimUpdateAt)) {
                lastVictimUpdateAt = e.occurredAt();
            }
        }
        return true;
    }

    private void onSeized(DeviceSeized e) {
        var d = e.details();
        deviceId = e.deviceId().value();
        force = e.force().value();
        caseReference = d.caseReference().value();
        deviceType = d.device().type();
        description = d.device().description();
        sealNumber = d.device().sealNumber();
        ownerRole = d.ownerRole();
        legalBasis = d.legal() == null ? null : d.legal().basis();
        seizureNumber = e.seizureNumber();
        seizedAt = e.occurredAt();
        seizedBy = e.actor().id();
        previousReturnAt = e.reseizure() == null ? null : e.reseizure().previousReturnAt();
        reseizureGapSeconds = e.reseizure() == null ? null : e.reseizure().sinceReturn().toSeconds();
        holderKind = HolderKind.OFFICER;
        holderName = e.actor().id();
        lab = null;
        receivedAtLabAt = null;
        downloadAttempt = 0;
        downloadStartedAt = null;
        downloadCompletedAt = null;
        downloadFailedAt = null;
        downloadVerifiedAt = null;
        firstDownloadCompletedAt = null;
        examinationStartedAt = null;
        examinationCompletedAt = null;
        relevantMaterialFound = null;
        // A loan phone still out from an earlier seizure stays out; "first replacement" is per seizure.
        firstReplacementIssuedAt = null;
        retentionUntil = null;
        retentionReason = null;
        agreementWithdrawnAt = null;
        readyForCollectionAt = null;
        returnedAt = null;
        returnedTo = null;
        atRisk = new ArrayList<>();
        for (TimeSensitiveData t : d.timeSensitiveData()) {
            atRisk.add(new AtRisk(t.kind() == null ? null : t.kind().name(), t.detail(), t.expiresAt()));
        }
        victimTier = d.victimCare() == null ? null : d.victimCare().tier();
        updateEveryDays = d.victimCare() == null || d.victimCare().updateEveryDays() <= 0 ? null
                : d.victimCare().updateEveryDays();
        lastVictimUpdateAt = null;
        sealProblems = null;
        dateRangeExceedsLimit = e.scopeReview() != null && e.scopeReview().exceedsLimit();
        scopeFrom = d.scope() == null ? null : d.scope().from();
        scopeTo = d.scope() == null ? null : d.scope().to();
        longRangeJustification = d.scope() == null ? null : d.scope().longRangeJustification();
    }

    private void checkSeal(LifecycleStep step, Instant at, SealCheck check) {
        if (check == null) {
            return;
        }
        boolean numberMatches = sealNumber == null || check.sealNumber() != null
                && sealNumber.strip().equalsIgnoreCase(check.sealNumber().strip());
        if (!check.intact() || !numberMatches) {
            if (sealProblems == null) {
                sealProblems = new ArrayList<>();
            }
            sealProblems.add(new SealProblem(at, step.name(), check.sealNumber(), check.intact(), numberMatches));
        }
    }

    // ---- derived facts the rules and queries use ----

    public boolean isHeld() {
        return stage != null && stage.isHeld();
    }

    public boolean isVictimOrWitness() {
        return ownerRole == OwnerRole.VICTIM || ownerRole == OwnerRole.WITNESS;
    }

    public boolean isEnhancedVictim() {
        return ownerRole == OwnerRole.VICTIM && victimTier == VictimsCodeTier.ENHANCED;
    }

    public boolean isAgreementWithdrawn() {
        return agreementWithdrawnAt != null;
    }

    /** The earliest stated expiry of data at risk, if any flag gives one. */
    public Instant earliestAtRiskExpiry() {
        return atRisk.stream().map(AtRisk::expiresAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
    }

    /** Whole and part days the device has been held in this seizure, as of {@code now} or its return. */
    public double daysHeld(Instant now) {
        Instant end = returnedAt != null ? returnedAt : now;
        return Duration.between(seizedAt, end).toSeconds() / 86_400.0;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public String force() {
        return force;
    }

    public String caseReference() {
        return caseReference;
    }

    public DeviceType deviceType() {
        return deviceType;
    }

    public String description() {
        return description;
    }

    public String sealNumber() {
        return sealNumber;
    }

    public OwnerRole ownerRole() {
        return ownerRole;
    }

    public LegalBasis legalBasis() {
        return legalBasis;
    }

    public int seizureNumber() {
        return seizureNumber;
    }

    public Instant seizedAt() {
        return seizedAt;
    }

    public String seizedBy() {
        return seizedBy;
    }

    public String labelCode() {
        return labelCode;
    }

    /** Labels printed for the device so far, 0 before the first. */
    public int labelsPrinted() {
        return labelsPrinted == null ? 0 : labelsPrinted;
    }

    public Instant previousReturnAt() {
        return previousReturnAt;
    }

    public Long reseizureGapSeconds() {
        return reseizureGapSeconds;
    }

    public CustodyStage stage() {
        return stage;
    }

    public HolderKind holderKind() {
        return holderKind;
    }

    public String holderName() {
        return holderName;
    }

    public String lab() {
        return lab;
    }

    public Instant receivedAtLabAt() {
        return receivedAtLabAt;
    }

    public int downloadAttempt() {
        return downloadAttempt;
    }

    public Instant downloadStartedAt() {
        return downloadStartedAt;
    }

    public Instant downloadCompletedAt() {
        return downloadCompletedAt;
    }

    public Instant downloadFailedAt() {
        return downloadFailedAt;
    }

    public Instant downloadVerifiedAt() {
        return downloadVerifiedAt;
    }

    public Instant firstDownloadCompletedAt() {
        return firstDownloadCompletedAt;
    }

    public Instant examinationStartedAt() {
        return examinationStartedAt;
    }

    public Instant examinationCompletedAt() {
        return examinationCompletedAt;
    }

    public Boolean relevantMaterialFound() {
        return relevantMaterialFound;
    }

    public int replacementsIssued() {
        return replacementsIssued;
    }

    public Integer activeReplacement() {
        return activeReplacement;
    }

    public ReplacementKind activeReplacementKind() {
        return activeReplacementKind;
    }

    public Instant activeReplacementIssuedAt() {
        return activeReplacementIssuedAt;
    }

    public Instant firstReplacementIssuedAt() {
        return firstReplacementIssuedAt;
    }

    public Instant retentionUntil() {
        return retentionUntil;
    }

    public String retentionReason() {
        return retentionReason;
    }

    public Instant agreementWithdrawnAt() {
        return agreementWithdrawnAt;
    }

    public Instant readyForCollectionAt() {
        return readyForCollectionAt;
    }

    public Instant returnedAt() {
        return returnedAt;
    }

    public ReturnRecipient returnedTo() {
        return returnedTo;
    }

    public List<AtRisk> atRisk() {
        return List.copyOf(atRisk);
    }

    public VictimsCodeTier victimTier() {
        return victimTier;
    }

    public Integer updateEveryDays() {
        return updateEveryDays;
    }

    public Instant lastVictimUpdateAt() {
        return lastVictimUpdateAt;
    }

    public int victimUpdates() {
        return victimUpdates;
    }

    /** This seizure's failed seal checks, oldest first; empty while the seal has held. */
    public List<SealProblem> sealProblems() {
        return sealProblems == null ? List.of() : List.copyOf(sealProblems);
    }

    public boolean dateRangeExceedsLimit() {
        return dateRangeExceedsLimit;
    }

    public LocalDate scopeFrom() {
        return scopeFrom;
    }

    public LocalDate scopeTo() {
        return scopeTo;
    }

    public String longRangeJustification() {
        return longRangeJustification;
    }

    public long version() {
        return version;
    }

    public Instant lastRecordedAt() {
        return lastRecordedAt;
    }
}
