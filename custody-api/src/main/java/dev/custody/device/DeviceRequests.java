package dev.custody.device;

import dev.custody.values.AgreementGiver;
import dev.custody.values.CaseReference;
import dev.custody.values.ContactReference;
import dev.custody.values.DeviceDescription;
import dev.custody.values.ExtractionType;
import dev.custody.values.Holder;
import dev.custody.values.Justification;
import dev.custody.values.LabelFormat;
import dev.custody.values.Language;
import dev.custody.values.LegalBasis;
import dev.custody.values.NotificationChannel;
import dev.custody.values.OwnerRole;
import dev.custody.values.Purpose;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.values.Scope;
import dev.custody.values.SealCheck;
import dev.custody.values.TimeSensitiveData;
import dev.custody.values.VictimCare;
import dev.custody.values.WrittenNotice;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a caller asks of each custody step, for the REST endpoints and the web forms alike ({@link DeviceCommands}).
 * They say what happened and when; who is asking comes from the authenticated principal, so no request carries an
 * actor. Bean validation catches missing and malformed fields (400); the custody rules in {@link DeviceCustody}
 * judge the content (409/422).
 */
public final class DeviceRequests {

    private DeviceRequests() {
    }

    /** The legal record as the officer enters it; who recorded the agreement is the caller. */
    public record LegalRecordRequest(@NotNull Purpose purpose, @NotNull LegalBasis basis, Justification justification,
                              WrittenNotice notice, AgreementRequest agreement) {
    }

    public record AgreementRequest(AgreementGiver givenBy, Instant agreedAt) {
    }

    /** @param deviceId optional client-chosen id, for clients that create ids offline; otherwise the server picks */
    public record SeizeDeviceRequest(UUID deviceId,
                              @NotNull Instant occurredAt,
                              @NotNull CaseReference caseReference,
                              @NotNull DeviceDescription device,
                              @NotNull OwnerRole ownerRole,
                              @NotNull @Valid LegalRecordRequest legal,
                              Scope scope,
                              @Size(max = 20) List<TimeSensitiveData> timeSensitiveData,
                              VictimCare victimCare,
                              ContactReference contactReference) {
    }

    public record TransferRequest(@NotNull Instant occurredAt, @NotNull Holder to, @NotNull SealCheck sealCheck) {
    }

    public record LabReceiptRequest(@NotNull Instant occurredAt, @NotNull SealCheck sealCheck) {
    }

    public record StartDownloadRequest(@NotNull Instant occurredAt, @NotBlank @Size(max = 200) String tool,
                                @NotNull ExtractionType extractionType) {
    }

    public record CompleteDownloadRequest(@NotNull Instant occurredAt, @NotBlank String sha256, @Positive long sizeBytes) {
    }

    public record FailDownloadRequest(@NotNull Instant occurredAt, @NotBlank @Size(max = 2000) String reason) {
    }

    public record VerifyDownloadRequest(@NotNull Instant occurredAt, @NotBlank String sha256) {
    }

    public record StepRequest(@NotNull Instant occurredAt) {
    }

    public record CompleteExaminationRequest(@NotNull Instant occurredAt, @NotNull Boolean relevantMaterialFound,
                                      @Size(max = 4000) String summary) {
    }

    public record IssueReplacementRequest(@NotNull Instant occurredAt, @NotNull ReplacementKind kind,
                                   @Size(max = 2000) String note) {
    }

    public record ExtendRetentionRequest(@NotNull Instant occurredAt, @NotNull Instant until,
                                  @NotBlank @Size(max = 2000) String reason) {
    }

    public record WithdrawAgreementRequest(@NotNull Instant occurredAt, @Size(max = 2000) String note) {
    }

    public record ReadyForCollectionRequest(@NotNull Instant occurredAt, @Size(max = 2000) String note) {
    }

    public record ReturnDeviceRequest(@NotNull Instant occurredAt, ReturnRecipient returnedTo,
                               @Size(max = 2000) String note) {
    }

    public record VictimNotifiedRequest(@NotNull Instant occurredAt, @NotNull NotificationChannel channel,
                                 Language language, @NotBlank @Size(max = 200) String reason,
                                 @Size(max = 200) String messageReference) {
    }

    /** A label for the device, on a roll or an A4 sheet; the code on it is the device's own. */
    public record PrintLabelRequest(@NotNull Instant occurredAt, @NotNull LabelFormat format) {
    }
}
