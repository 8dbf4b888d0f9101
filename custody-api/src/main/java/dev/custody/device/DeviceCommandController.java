package dev.custody.device;

import dev.custody.commands.DeviceCommand;
import dev.custody.commands.DeviceCommand.CompleteDownload;
import dev.custody.commands.DeviceCommand.CompleteExamination;
import dev.custody.commands.DeviceCommand.ExtendRetention;
import dev.custody.commands.DeviceCommand.FailDownload;
import dev.custody.commands.DeviceCommand.IssueReplacement;
import dev.custody.commands.DeviceCommand.MarkReadyForCollection;
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
import dev.custody.idempotency.IdempotencyStore;
import dev.custody.idempotency.IdempotencyStore.Outcome;
import dev.custody.values.Actor;
import dev.custody.values.Agreement;
import dev.custody.values.DeviceId;
import dev.custody.values.LegalRecord;
import dev.custody.values.SeizureDetails;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * One endpoint per custody command. Each is limited to the roles that do that step in real life, accepts an
 * {@code Idempotency-Key} for safe retries and an {@code If-Match} version to refuse acting on stale state.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Custody commands", description = "Log each step of a seized device's life")
class DeviceCommandController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandGateway commands;
    private final IdempotencyStore idempotency;

    DeviceCommandController(CommandGateway commands, IdempotencyStore idempotency) {
        this.commands = commands;
        this.idempotency = idempotency;
    }

    @PostMapping
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Seize a device", description = "Opens a custody record with the full s.37-39 legal record.")
    ResponseEntity<CommandResult> seize(@Parameter(hidden = true) Actor actor,
                                        @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                        @Valid @RequestBody SeizeDeviceRequest body, HttpServletRequest http) {
        DeviceId id = body.deviceId() == null ? DeviceId.random() : new DeviceId(body.deviceId());
        // A retry without a client id draws a fresh id, but the Idempotency-Key returns the first record's.
        return send(actor, key, null, HttpStatus.CREATED, fingerprint(http, body),
                new SeizeDevice(id, body.occurredAt(), actor, details(body, actor)));
    }

    @PostMapping("/{id}/seizures")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Seize a returned device again", description = "Counted as a re-seizure, with the gap since its return.")
    ResponseEntity<CommandResult> reseize(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                          @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody SeizeDeviceRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new ReseizeDevice(new DeviceId(id), body.occurredAt(), actor, details(body, actor)));
    }

    @PostMapping("/{id}/transfers")
    @PreAuthorize("hasAnyRole('OFFICER','LAB')")
    @Operation(summary = "Hand the device to someone else", description = "The seal is checked and recorded.")
    ResponseEntity<CommandResult> transfer(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                           @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody TransferRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new TransferCustody(new DeviceId(id), body.occurredAt(), actor, body.to(), body.sealCheck()));
    }

    @PostMapping("/{id}/lab-receipt")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Book the device in at the caller's lab")
    ResponseEntity<CommandResult> receiveAtLab(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody LabReceiptRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new ReceiveAtLab(new DeviceId(id), body.occurredAt(), actor, actor.lab(), body.sealCheck()));
    }

    @PostMapping("/{id}/downloads")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Start a download (extraction)", description = "The response's version identifies the step; the attempt number is in the history.")
    ResponseEntity<CommandResult> startDownload(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                @Valid @RequestBody StartDownloadRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new StartDownload(new DeviceId(id), body.occurredAt(), actor, body.tool(), body.extractionType()));
    }

    @PostMapping("/{id}/downloads/{attempt}/completion")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Complete a download, with the extraction's SHA-256 and size")
    ResponseEntity<CommandResult> completeDownload(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                   @PathVariable int attempt,
                                                   @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody CompleteDownloadRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new CompleteDownload(new DeviceId(id), body.occurredAt(), actor, attempt, body.sha256(), body.sizeBytes()));
    }

    @PostMapping("/{id}/downloads/{attempt}/failure")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Record that a download failed")
    ResponseEntity<CommandResult> failDownload(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                               @PathVariable int attempt,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody FailDownloadRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new FailDownload(new DeviceId(id), body.occurredAt(), actor, attempt, body.reason()));
    }

    @PostMapping("/{id}/downloads/{attempt}/verification")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Verify a download by re-hashing it", description = "Refused with 422 hash-mismatch when the hash differs.")
    ResponseEntity<CommandResult> verifyDownload(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                 @PathVariable int attempt,
                                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @Valid @RequestBody VerifyDownloadRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new VerifyDownload(new DeviceId(id), body.occurredAt(), actor, attempt, body.sha256()));
    }

    @PostMapping("/{id}/examination")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Start examining the downloaded data")
    ResponseEntity<CommandResult> startExamination(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                   @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody StepRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new StartExamination(new DeviceId(id), body.occurredAt(), actor));
    }

    @PostMapping("/{id}/examination/completion")
    @PreAuthorize("hasRole('LAB')")
    @Operation(summary = "Complete the examination, saying whether relevant material was found")
    ResponseEntity<CommandResult> completeExamination(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody CompleteExaminationRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new CompleteExamination(new DeviceId(id), body.occurredAt(), actor, body.relevantMaterialFound(), body.summary()));
    }

    @PostMapping("/{id}/replacements")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Lend the owner a replacement phone (swap-out or basic handset)")
    ResponseEntity<CommandResult> issueReplacement(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                   @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   @Valid @RequestBody IssueReplacementRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new IssueReplacement(new DeviceId(id), body.occurredAt(), actor, body.kind(), body.note()));
    }

    @PostMapping("/{id}/replacements/{number}/return")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Record that the owner gave the replacement back")
    ResponseEntity<CommandResult> returnReplacement(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                    @PathVariable int number,
                                                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody StepRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new ReturnReplacement(new DeviceId(id), body.occurredAt(), actor, number));
    }

    @PostMapping("/{id}/retention-extensions")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Authorise keeping the device longer", description = "Supervisors only; the reason is told to the victim in plain words.")
    ResponseEntity<CommandResult> extendRetention(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                  @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody ExtendRetentionRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new ExtendRetention(new DeviceId(id), body.occurredAt(), actor, body.until(), body.reason()));
    }

    @PostMapping("/{id}/agreement-withdrawal")
    @PreAuthorize("hasRole('OFFICER')")
    @Operation(summary = "Record that the person withdrew agreement", description = "Extraction stops; only the return may follow.")
    ResponseEntity<CommandResult> withdrawAgreement(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                    @Valid @RequestBody WithdrawAgreementRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new WithdrawAgreement(new DeviceId(id), body.occurredAt(), actor, body.note()));
    }

    @PostMapping("/{id}/ready-for-collection")
    @PreAuthorize("hasAnyRole('OFFICER','LAB')")
    @Operation(summary = "Mark the device ready for collection", description = "The owner (or their ISVA) is told it can be collected.")
    ResponseEntity<CommandResult> readyForCollection(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                     @Valid @RequestBody ReadyForCollectionRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new MarkReadyForCollection(new DeviceId(id), body.occurredAt(), actor, body.note()));
    }

    @PostMapping("/{id}/return")
    @PreAuthorize("hasAnyRole('OFFICER','LAB')")
    @Operation(summary = "Return the device")
    ResponseEntity<CommandResult> returnDevice(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @Valid @RequestBody ReturnDeviceRequest body, HttpServletRequest http) {
        return send(actor, key, ifMatch, HttpStatus.OK, fingerprint(http, body),
                new ReturnDevice(new DeviceId(id), body.occurredAt(), actor, body.returnedTo(), body.note()));
    }

    @PostMapping("/{id}/victim-notifications")
    @PreAuthorize("hasAnyRole('OFFICER','NOTIFIER')")
    @Operation(summary = "Record that an update reached the victim", description = "Feeds the victim-update-overdue rule.")
    ResponseEntity<CommandResult> victimNotified(@Parameter(hidden = true) Actor actor, @PathVariable UUID id,
                                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                 @Valid @RequestBody VictimNotifiedRequest body, HttpServletRequest http) {
        return send(actor, key, null, HttpStatus.OK, fingerprint(http, body),
                new RecordVictimNotified(new DeviceId(id), body.occurredAt(), actor, body.channel(), body.language(),
                        body.reason(), body.messageReference()));
    }

    private static SeizureDetails details(SeizeDeviceRequest body, Actor actor) {
        var legal = body.legal();
        Agreement agreement = legal.agreement() == null ? null
                : new Agreement(legal.agreement().givenBy(), legal.agreement().agreedAt(), actor.id());
        return new SeizureDetails(body.caseReference(), body.device(), body.ownerRole(),
                new LegalRecord(legal.purpose(), legal.basis(), legal.justification(), legal.notice(), agreement),
                body.scope(), body.timeSensitiveData(), body.victimCare(), body.contactReference());
    }

    private ResponseEntity<CommandResult> send(Actor actor, String key, String ifMatch, HttpStatus status,
                                               String fingerprint, DeviceCommand command) {
        Long expectedVersion = ETags.parse(ifMatch);
        MetaData metaData = expectedVersion == null ? MetaData.emptyInstance()
                : MetaData.with(DeviceCommandTargetResolver.EXPECTED_VERSION, expectedVersion);
        Outcome outcome = idempotency.execute(actor.id(), key, fingerprint, () -> {
            Object result = commands.sendAndWait(new GenericCommandMessage<>(command, metaData));
            long version = result instanceof Long v ? v : 0L;
            return new Outcome(status.value(), command.deviceId().toString(), version, false);
        });
        var response = ResponseEntity.status(outcome.status())
                .eTag(ETags.of(outcome.version()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()));
        if (outcome.status() == HttpStatus.CREATED.value()) {
            response.location(URI.create("/api/v1/devices/" + outcome.deviceId()));
        }
        return response.body(new CommandResult(UUID.fromString(outcome.deviceId()), outcome.version()));
    }

    private static String fingerprint(HttpServletRequest http, Object body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(http.getRequestURI().getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
