package dev.custody.device;

import dev.custody.device.DeviceCommands.Accepted;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.DeviceRequests.CompleteDownloadRequest;
import dev.custody.device.DeviceRequests.CompleteExaminationRequest;
import dev.custody.device.DeviceRequests.ExtendRetentionRequest;
import dev.custody.device.DeviceRequests.FailDownloadRequest;
import dev.custody.device.DeviceRequests.IssueReplacementRequest;
import dev.custody.device.DeviceRequests.LabReceiptRequest;
import dev.custody.device.DeviceRequests.ReadyForCollectionRequest;
import dev.custody.device.DeviceRequests.ReturnDeviceRequest;
import dev.custody.device.DeviceRequests.SeizeDeviceRequest;
import dev.custody.device.DeviceRequests.StartDownloadRequest;
import dev.custody.device.DeviceRequests.StepRequest;
import dev.custody.device.DeviceRequests.TransferRequest;
import dev.custody.device.DeviceRequests.VerifyDownloadRequest;
import dev.custody.device.DeviceRequests.VictimNotifiedRequest;
import dev.custody.device.DeviceRequests.WithdrawAgreementRequest;
import dev.custody.edge.Bounds;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/**
 * One endpoint per custody step, each limited to the roles that do that step in real life (checked before the body
 * is read). {@link DeviceCommands} does the rest, as it does for the web pages: it validates the body, runs the
 * command under the {@code Idempotency-Key} and {@code If-Match} headers (read as {@link Conditions}), and refuses
 * with a {@link dev.custody.edge.Problem}, rendered as problem+json.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Custody commands", description = "Log each step of a seized device's life")
class DeviceCommandController {

    private final DeviceCommands commands;

    DeviceCommandController(DeviceCommands commands) {
        this.commands = commands;
    }

    @PostMapping
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Seize a device", description = "Opens a custody record with the full s.37-39 legal record.")
    ResponseEntity<CommandResult> seize(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                        @RequestBody SeizeDeviceRequest body) {
        return created(commands.seize(actor, conditions, body));
    }

    @PostMapping("/{id}/seizures")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Seize a returned device again", description = "Counted as a re-seizure, with the gap since its return.")
    ResponseEntity<CommandResult> reseize(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                          @PathVariable UUID id, @RequestBody SeizeDeviceRequest body) {
        return ok(commands.reseize(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/transfers")
    @PreAuthorize("hasAnyRole('OFFICER','LAB')")
    @Operation(summary = "Hand the device to someone else", description = "The seal is checked and recorded.")
    ResponseEntity<CommandResult> transfer(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                           @PathVariable UUID id, @RequestBody TransferRequest body) {
        return ok(commands.transfer(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/lab-receipt")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Book the device in at the caller's lab")
    ResponseEntity<CommandResult> receiveAtLab(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                               @PathVariable UUID id, @RequestBody LabReceiptRequest body) {
        return ok(commands.receiveAtLab(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/downloads")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Start a download (extraction)", description = "The response's version identifies the step; the attempt number is in the history.")
    ResponseEntity<CommandResult> startDownload(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                @PathVariable UUID id, @RequestBody StartDownloadRequest body) {
        return ok(commands.startDownload(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/downloads/{attempt}/completion")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Complete a download, with the extraction's SHA-256 and size")
    ResponseEntity<CommandResult> completeDownload(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                   @PathVariable UUID id, @PathVariable @Min(1) @Max(Bounds.STEP_NUMBER) int attempt,
                                                   @RequestBody CompleteDownloadRequest body) {
        return ok(commands.completeDownload(actor, conditions, new DeviceId(id), attempt, body));
    }

    @PostMapping("/{id}/downloads/{attempt}/failure")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Record that a download failed")
    ResponseEntity<CommandResult> failDownload(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                               @PathVariable UUID id, @PathVariable @Min(1) @Max(Bounds.STEP_NUMBER) int attempt,
                                               @RequestBody FailDownloadRequest body) {
        return ok(commands.failDownload(actor, conditions, new DeviceId(id), attempt, body));
    }

    @PostMapping("/{id}/downloads/{attempt}/verification")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Verify a download by re-hashing it", description = "Refused with 422 hash-mismatch when the hash differs.")
    ResponseEntity<CommandResult> verifyDownload(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                 @PathVariable UUID id, @PathVariable @Min(1) @Max(Bounds.STEP_NUMBER) int attempt,
                                                 @RequestBody VerifyDownloadRequest body) {
        return ok(commands.verifyDownload(actor, conditions, new DeviceId(id), attempt, body));
    }

    @PostMapping("/{id}/examination")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Start examining the downloaded data")
    ResponseEntity<CommandResult> startExamination(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                   @PathVariable UUID id, @RequestBody StepRequest body) {
        return ok(commands.startExamination(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/examination/completion")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Complete the examination, saying whether relevant material was found")
    ResponseEntity<CommandResult> completeExamination(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                      @PathVariable UUID id,
                                                      @RequestBody CompleteExaminationRequest body) {
        return ok(commands.completeExamination(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/replacements")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Lend the owner a replacement phone (swap-out or basic handset)")
    ResponseEntity<CommandResult> issueReplacement(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                   @PathVariable UUID id, @RequestBody IssueReplacementRequest body) {
        return ok(commands.issueReplacement(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/replacements/{number}/return")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Record that the owner gave the replacement back")
    ResponseEntity<CommandResult> returnReplacement(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                    @PathVariable UUID id, @PathVariable @Min(1) @Max(Bounds.STEP_NUMBER) int number,
                                                    @RequestBody StepRequest body) {
        return ok(commands.returnReplacement(actor, conditions, new DeviceId(id), number, body));
    }

    @PostMapping("/{id}/retention-extensions")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Authorise keeping the device longer", description = "Supervisors only; the reason is told to the victim in plain words.")
    ResponseEntity<CommandResult> extendRetention(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                  @PathVariable UUID id, @RequestBody ExtendRetentionRequest body) {
        return ok(commands.extendRetention(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/agreement-withdrawal")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Record that the person withdrew agreement", description = "Extraction stops; only the return may follow.")
    ResponseEntity<CommandResult> withdrawAgreement(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                    @PathVariable UUID id, @RequestBody WithdrawAgreementRequest body) {
        return ok(commands.withdrawAgreement(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/ready-for-collection")
    @PreAuthorize("hasAnyRole('OFFICER','LAB')")
    @Operation(summary = "Mark the device ready for collection", description = "The owner (or their ISVA) is told it can be collected.")
    ResponseEntity<CommandResult> readyForCollection(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                     @PathVariable UUID id,
                                                     @RequestBody ReadyForCollectionRequest body) {
        return ok(commands.markReadyForCollection(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/return")
    @PreAuthorize("hasAnyRole('OFFICER','LAB')")
    @Operation(summary = "Return the device")
    ResponseEntity<CommandResult> returnDevice(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                               @PathVariable UUID id, @RequestBody ReturnDeviceRequest body) {
        return ok(commands.returnDevice(actor, conditions, new DeviceId(id), body));
    }

    @PostMapping("/{id}/victim-notifications")
    @PreAuthorize("hasAnyRole('OFFICER','NOTIFIER')")
    @Operation(summary = "Record that an update reached the victim", description = "Feeds the victim-update-overdue rule.")
    ResponseEntity<CommandResult> victimNotified(@Parameter(hidden = true) Actor actor, Conditions conditions,
                                                 @PathVariable UUID id, @RequestBody VictimNotifiedRequest body) {
        return ok(commands.recordVictimNotified(actor, conditions, new DeviceId(id), body));
    }

    private static ResponseEntity<CommandResult> created(Accepted accepted) {
        return respond(accepted).location(URI.create("/api/v1/devices/" + accepted.deviceId()))
                .body(accepted.result());
    }

    private static ResponseEntity<CommandResult> ok(Accepted accepted) {
        return respond(accepted).body(accepted.result());
    }

    /** A replayed seizure answers 201 again, with the first record's id. */
    private static ResponseEntity.BodyBuilder respond(Accepted accepted) {
        return ResponseEntity.status(accepted.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .eTag(ETags.of(accepted.version()))
                .header("Idempotent-Replayed", String.valueOf(accepted.replayed()));
    }
}
