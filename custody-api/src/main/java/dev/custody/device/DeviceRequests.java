package dev.custody.device;

import dev.custody.edge.Bounds;
import dev.custody.edge.FreeText;
import dev.custody.edge.Line;
import dev.custody.edge.Plausible;
import dev.custody.edge.TimeWindow.Horizon;
import dev.custody.values.AgreementGiver;
import dev.custody.values.CaseReference;
import dev.custody.values.ContactReference;
import dev.custody.values.DataCategory;
import dev.custody.values.DeviceDescription;
import dev.custody.values.DeviceType;
import dev.custody.values.ExtractionType;
import dev.custody.values.Holder;
import dev.custody.values.Holder.HolderKind;
import dev.custody.values.Justification;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.NoticeElement;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Scope;
import dev.custody.values.SealCheck;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.TimeSensitiveKind;
import dev.custody.values.VictimCare;
import dev.custody.values.WrittenNotice;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a caller asks of each custody step, for the REST endpoints and the web forms alike ({@link DeviceCommands}).
 * They say what happened and when; who is asking comes from the authenticated principal, so no request carries an
 * actor.
 * <p>
 * <b>The bounds at the edge live here</b>, as Bean Validation annotations, the one source for validation (a 400
 * naming every bad field), the OpenAPI document and the web forms ({@link dev.custody.edge.FieldBounds}): every text
 * has a maximum length and is one {@link Line} or {@link FreeText}, every list and set a maximum size and no null
 * element, every time and date lies in the {@link Plausible} window. The contract's value types carry no validation,
 * so each nested part of a request has its own record here and becomes a value type only once it is valid. What a
 * complete record needs (a justification for a victim's phone, say) is a custody rule in {@link SeizureForm} and
 * {@link DeviceCustody}, answered with 422.
 */
public final class DeviceRequests {

    private DeviceRequests() {
    }

    /** A reference that, when given, has a character that is not a space. */
    static final String NOT_BLANK = ".*\\S.*";

    /** @param deviceId optional client-chosen id, for clients that create ids offline; otherwise the server picks */
    public record SeizeDeviceRequest(UUID deviceId,
                                     @NotNull @Plausible Instant occurredAt,
                                     @NotBlank @Size(max = Bounds.REFERENCE) @Line String caseReference,
                                     @NotNull @Valid DeviceDescriptionRequest device,
                                     @NotNull OwnerRole ownerRole,
                                     @NotNull @Valid LegalRecordRequest legal,
                                     @Valid ScopeRequest scope,
                                     @Size(max = Bounds.ITEMS) List<@NotNull @Valid TimeSensitiveDataRequest> timeSensitiveData,
                                     VictimCare victimCare,
                                     @Size(max = Bounds.REFERENCE) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
                                     @Line String contactReference) {

        CaseReference caseReferenceValue() {
            return new CaseReference(caseReference);
        }

        ContactReference contactReferenceValue() {
            return contactReference == null ? null : new ContactReference(contactReference);
        }

        List<TimeSensitiveData> timeSensitiveDataValues() {
            return timeSensitiveData == null ? List.of()
                    : timeSensitiveData.stream().map(TimeSensitiveDataRequest::value).toList();
        }
    }

    /**
     * What was seized.
     *
     * @param description make, model, colour: enough to recognise it on return
     * @param sealNumber  the evidence bag's seal number, checked at every hand-over
     */
    public record DeviceDescriptionRequest(DeviceType type,
                                           @Size(max = Bounds.DESCRIPTION) @Line String description,
                                           @Size(max = Bounds.REFERENCE) @Line String sealNumber) {
        DeviceDescription value() {
            return new DeviceDescription(type, description, sealNumber);
        }
    }

    /** The legal record as the officer enters it; who recorded the agreement is the caller. */
    public record LegalRecordRequest(@NotNull Purpose purpose, @NotNull LegalBasis basis,
                                     @Valid JustificationRequest justification, @Valid WrittenNoticeRequest notice,
                                     @Valid AgreementRequest agreement) {
    }

    /** Why extraction is needed (PCSC Act 2022 s.37(4)-(6), R v Bater-James). */
    public record JustificationRequest(@Size(max = Bounds.PROSE) @FreeText String lineOfEnquiry,
                                       @Size(max = Bounds.PROSE) @FreeText String necessityAndProportionality,
                                       @Size(max = Bounds.PROSE) @FreeText String alternativesConsidered,
                                       boolean thirdPartyDataLikely) {
        Justification value() {
            return new Justification(lineOfEnquiry, necessityAndProportionality, alternativesConsidered,
                    thirdPartyDataLikely);
        }
    }

    /** The s.39 written notice given to the person. */
    public record WrittenNoticeRequest(@Size(max = Bounds.REFERENCE) @Line String version, Language language,
                                       @Size(max = Bounds.ITEMS) Set<@NotNull NoticeElement> elementsConfirmed) {
        WrittenNotice value() {
            return new WrittenNotice(version, language, elementsConfirmed);
        }
    }

    public record AgreementRequest(AgreementGiver givenBy, @Plausible Instant agreedAt) {
    }

    /**
     * What may be extracted. The dates are of data already on the device, so neither may be after today.
     *
     * @param longRangeJustification why a range beyond the force's limit is proportionate; required only then
     */
    public record ScopeRequest(@Plausible LocalDate from, @Plausible LocalDate to,
                               @Size(max = Bounds.ITEMS) Set<@NotNull DataCategory> categories,
                               @Size(max = Bounds.PROSE) @FreeText String longRangeJustification) {
        Scope value() {
            return new Scope(from, to, categories, longRangeJustification);
        }
    }

    /**
     * Data on the device at risk of disappearing.
     *
     * @param detail    which app or service
     * @param expiresAt when the data is believed to disappear, if known: past or up to the years ahead allowed
     */
    public record TimeSensitiveDataRequest(TimeSensitiveKind kind, @Size(max = Bounds.LINE) @Line String detail,
                                           @Plausible(Horizon.FUTURE) Instant expiresAt) {
        TimeSensitiveData value() {
            return new TimeSensitiveData(kind, detail, expiresAt);
        }
    }

    /** Who physically has the device: the holder's collar number, store or lab name. */
    public record HolderRequest(HolderKind kind, @Size(max = Bounds.LINE) @Line String name) {
        Holder value() {
            return new Holder(kind, name);
        }
    }

    /** The seal read at a hand-over. A broken or wrong seal is recorded, not refused: the chain must show it. */
    public record SealCheckRequest(@Size(max = Bounds.REFERENCE) @Line String sealNumber, boolean intact) {
        SealCheck value() {
            return new SealCheck(sealNumber, intact);
        }
    }

    public record TransferRequest(@NotNull @Plausible Instant occurredAt, @NotNull @Valid HolderRequest to,
                                  @NotNull @Valid SealCheckRequest sealCheck) {
    }

    public record LabReceiptRequest(@NotNull @Plausible Instant occurredAt, @NotNull @Valid SealCheckRequest sealCheck) {
    }

    public record StartDownloadRequest(@NotNull @Plausible Instant occurredAt,
                                       @NotBlank @Size(max = Bounds.LINE) @Line String tool,
                                       @NotNull ExtractionType extractionType) {
    }

    public record CompleteDownloadRequest(@NotNull @Plausible Instant occurredAt,
                                          @NotBlank @Size(max = 64) @Line String sha256,
                                          @Positive @Max(Bounds.EXTRACTION_BYTES) long sizeBytes) {
    }

    public record FailDownloadRequest(@NotNull @Plausible Instant occurredAt,
                                      @NotBlank @Size(max = Bounds.NOTE) @FreeText String reason) {
    }

    public record VerifyDownloadRequest(@NotNull @Plausible Instant occurredAt,
                                        @NotBlank @Size(max = 64) @Line String sha256) {
    }

    public record StepRequest(@NotNull @Plausible Instant occurredAt) {
    }

    public record CompleteExaminationRequest(@NotNull @Plausible Instant occurredAt,
                                             @NotNull Boolean relevantMaterialFound,
                                             @Size(max = Bounds.PROSE) @FreeText String summary) {
    }

    public record IssueReplacementRequest(@NotNull @Plausible Instant occurredAt, @NotNull ReplacementKind kind,
                                          @Size(max = Bounds.NOTE) @FreeText String note) {
    }

    /** @param until when the authorised retention ends: at most the configured years ahead */
    public record ExtendRetentionRequest(@NotNull @Plausible Instant occurredAt,
                                         @NotNull @Plausible(Horizon.FUTURE) Instant until,
                                         @NotBlank @Size(max = Bounds.NOTE) @FreeText String reason) {
    }

    public record WithdrawAgreementRequest(@NotNull @Plausible Instant occurredAt,
                                           @Size(max = Bounds.NOTE) @FreeText String note) {
    }

    public record ReadyForCollectionRequest(@NotNull @Plausible Instant occurredAt,
                                            @Size(max = Bounds.NOTE) @FreeText String note) {
    }

    public record ReturnDeviceRequest(@NotNull @Plausible Instant occurredAt, ReturnRecipient returnedTo,
                                      @Size(max = Bounds.NOTE) @FreeText String note) {
    }

    public record VictimNotifiedRequest(@NotNull @Plausible Instant occurredAt, @NotNull NotificationChannel channel,
                                        Language language, @NotBlank @Size(max = Bounds.LINE) @Line String reason,
                                        @Size(max = Bounds.LINE) @Line String messageReference) {
    }
}
