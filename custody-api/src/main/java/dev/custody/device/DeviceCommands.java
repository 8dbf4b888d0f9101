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
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.custody.edge.IdempotencyKey;
import dev.custody.edge.InputLimits;
import dev.custody.edge.NotFound;
import dev.custody.edge.Problem;
import dev.custody.edge.Problem.FieldError;
import dev.custody.edge.Validation;
import dev.custody.events.EventJson;
import dev.custody.idempotency.IdempotencyStore;
import dev.custody.idempotency.IdempotencyStore.IdempotencyKeyReused;
import dev.custody.idempotency.IdempotencyStore.Outcome;
import dev.custody.values.Actor;
import dev.custody.values.Agreement;
import dev.custody.values.DeviceId;
import dev.custody.values.LegalRecord;
import dev.custody.values.SeizureDetails;
import jakarta.validation.Validator;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one way to log a custody step, shared by the REST endpoints and the web pages. For each step it validates
 * the request (Bean Validation on {@link DeviceRequests}: one 400 naming every bad field, however the request came
 * in), builds the command with the authenticated {@link Actor} the caller passes (never one from a request), runs it
 * once per {@code Idempotency-Key}, refuses it on a stale expected version, and turns every refusal into a
 * {@link Problem} naming its rule and each bad field, which the REST API renders as problem+json and a page as an
 * error summary.
 * <p>
 * Who may call each step is checked before this, by the caller's {@code @PreAuthorize} (see docs/architecture.md).
 * <p>
 * <b>Concurrency.</b> A command without an expected version that meets a concurrent one on the same device (both
 * judged the same version; the second append loses) is run again on the new state, up to {@link #ATTEMPTS} times with
 * a short random pause, so that callers who did not ask for optimistic locking never see a conflict they did not
 * cause. A command with an expected version is never retried: a stale version is the caller's 409.
 */
@Service
public class DeviceCommands {

    /** Runs of one command that met a concurrent one before it is refused with 409. */
    static final int ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(DeviceCommands.class);

    private static final String DEVICES = "/api/v1/devices";

    /** The rule of a refusal because the record changed since the caller's expected version (or concurrently). */
    public static final String CONCURRENT_MODIFICATION = "concurrent-modification";

    /**
     * What a caller may ask of any command besides its content.
     *
     * @param idempotencyKey  a retry with the same key and request gets the first answer; null for none
     * @param expectedVersion refuse with 409 unless the record is still at this version; null to act on the latest
     */
    public record Conditions(String idempotencyKey, Long expectedVersion) {
        public static final Conditions NONE = new Conditions(null, null);

        /** @throws Problem 400 naming {@code Idempotency-Key} when the key is not 1 to 255 printable ASCII characters */
        public Conditions {
            IdempotencyKey.check(idempotencyKey);
        }
    }

    /**
     * A step the device's record accepted.
     *
     * @param created  a new custody record was opened (REST answers 201)
     * @param replayed the answer to an earlier request with the same idempotency key; nothing new was stored
     */
    public record Accepted(DeviceId deviceId, long version, boolean created, boolean replayed) {
        public CommandResult result() {
            return new CommandResult(deviceId.value(), version);
        }
    }

    /** The contract's one JSON mapping, as the event store writes it. */
    private static final ObjectWriter EVENT_JSON = EventJson.mapper().writer();

    private final CommandGateway commands;
    private final IdempotencyStore idempotency;
    private final Validator validator;
    private final long maxEventBytes;

    DeviceCommands(CommandGateway commands, IdempotencyStore idempotency, Validator validator, InputLimits limits) {
        this.commands = commands;
        this.idempotency = idempotency;
        this.validator = validator;
        this.maxEventBytes = limits.maxEventBytes().toBytes();
    }

    /** Opens a custody record with the full s.37-39 legal record; the id is the client's, or a new one. */
    public Accepted seize(Actor actor, Conditions conditions, SeizeDeviceRequest request) {
        // A retry without a client id draws a fresh id, but the Idempotency-Key returns the first record's.
        return execute(actor, conditions, DEVICES, request, true, () -> new SeizeDevice(
                request.deviceId() == null ? DeviceId.random() : new DeviceId(request.deviceId()),
                request.occurredAt(), actor, details(request, actor)));
    }

    public Accepted reseize(Actor actor, Conditions conditions, DeviceId id, SeizeDeviceRequest request) {
        return execute(actor, conditions, path(id, "/seizures"), request, false,
                () -> new ReseizeDevice(id, request.occurredAt(), actor, details(request, actor)));
    }

    public Accepted transfer(Actor actor, Conditions conditions, DeviceId id, TransferRequest request) {
        return execute(actor, conditions, path(id, "/transfers"), request, false,
                () -> new TransferCustody(id, request.occurredAt(), actor, request.to().value(),
                        request.sealCheck().value()));
    }

    /** Books the device in at the caller's own lab. */
    public Accepted receiveAtLab(Actor actor, Conditions conditions, DeviceId id, LabReceiptRequest request) {
        return execute(actor, conditions, path(id, "/lab-receipt"), request, false,
                () -> new ReceiveAtLab(id, request.occurredAt(), actor, actor.lab(), request.sealCheck().value()));
    }

    public Accepted startDownload(Actor actor, Conditions conditions, DeviceId id, StartDownloadRequest request) {
        return execute(actor, conditions, path(id, "/downloads"), request, false,
                () -> new StartDownload(id, request.occurredAt(), actor, request.tool(), request.extractionType()));
    }

    public Accepted completeDownload(Actor actor, Conditions conditions, DeviceId id, int attempt,
                                     CompleteDownloadRequest request) {
        return execute(actor, conditions, path(id, "/downloads/" + attempt + "/completion"), request, false,
                () -> new CompleteDownload(id, request.occurredAt(), actor, attempt, request.sha256(), request.sizeBytes()));
    }

    public Accepted failDownload(Actor actor, Conditions conditions, DeviceId id, int attempt,
                                 FailDownloadRequest request) {
        return execute(actor, conditions, path(id, "/downloads/" + attempt + "/failure"), request, false,
                () -> new FailDownload(id, request.occurredAt(), actor, attempt, request.reason()));
    }

    public Accepted verifyDownload(Actor actor, Conditions conditions, DeviceId id, int attempt,
                                   VerifyDownloadRequest request) {
        return execute(actor, conditions, path(id, "/downloads/" + attempt + "/verification"), request, false,
                () -> new VerifyDownload(id, request.occurredAt(), actor, attempt, request.sha256()));
    }

    public Accepted startExamination(Actor actor, Conditions conditions, DeviceId id, StepRequest request) {
        return execute(actor, conditions, path(id, "/examination"), request, false,
                () -> new StartExamination(id, request.occurredAt(), actor));
    }

    public Accepted completeExamination(Actor actor, Conditions conditions, DeviceId id,
                                        CompleteExaminationRequest request) {
        return execute(actor, conditions, path(id, "/examination/completion"), request, false,
                () -> new CompleteExamination(id, request.occurredAt(), actor, request.relevantMaterialFound(),
                        request.summary()));
    }

    public Accepted issueReplacement(Actor actor, Conditions conditions, DeviceId id, IssueReplacementRequest request) {
        return execute(actor, conditions, path(id, "/replacements"), request, false,
                () -> new IssueReplacement(id, request.occurredAt(), actor, request.kind(), request.note()));
    }

    public Accepted returnReplacement(Actor actor, Conditions conditions, DeviceId id, int number, StepRequest request) {
        return execute(actor, conditions, path(id, "/replacements/" + number + "/return"), request, false,
                () -> new ReturnReplacement(id, request.occurredAt(), actor, number));
    }

    public Accepted extendRetention(Actor actor, Conditions conditions, DeviceId id, ExtendRetentionRequest request) {
        return execute(actor, conditions, path(id, "/retention-extensions"), request, false,
                () -> new ExtendRetention(id, request.occurredAt(), actor, request.until(), request.reason()));
    }

    public Accepted withdrawAgreement(Actor actor, Conditions conditions, DeviceId id, WithdrawAgreementRequest request) {
        return execute(actor, conditions, path(id, "/agreement-withdrawal"), request, false,
                () -> new WithdrawAgreement(id, request.occurredAt(), actor, request.note()));
    }

    public Accepted markReadyForCollection(Actor actor, Conditions conditions, DeviceId id,
                                           ReadyForCollectionRequest request) {
        return execute(actor, conditions, path(id, "/ready-for-collection"), request, false,
                () -> new MarkReadyForCollection(id, request.occurredAt(), actor, request.note()));
    }

    public Accepted returnDevice(Actor actor, Conditions conditions, DeviceId id, ReturnDeviceRequest request) {
        return execute(actor, conditions, path(id, "/return"), request, false,
                () -> new ReturnDevice(id, request.occurredAt(), actor, request.returnedTo(), request.note()));
    }

    public Accepted recordVictimNotified(Actor actor, Conditions conditions, DeviceId id,
                                         VictimNotifiedRequest request) {
        return execute(actor, conditions, path(id, "/victim-notifications"), request, false,
                () -> new RecordVictimNotified(id, request.occurredAt(), actor, request.channel(), request.language(),
                        request.reason(), request.messageReference()));
    }

    /** The valid request as the contract's value types. */
    static SeizureDetails details(SeizeDeviceRequest request, Actor actor) {
        var legal = request.legal();
        Agreement agreement = legal.agreement() == null ? null
                : new Agreement(legal.agreement().givenBy(), legal.agreement().agreedAt(), actor.id());
        return new SeizureDetails(request.caseReferenceValue(), request.device().value(), request.ownerRole(),
                new LegalRecord(legal.purpose(), legal.basis(),
                        legal.justification() == null ? null : legal.justification().value(),
                        legal.notice() == null ? null : legal.notice().value(), agreement),
                request.scope() == null ? null : request.scope().value(), request.timeSensitiveDataValues(),
                request.victimCare(), request.contactReferenceValue());
    }

    /** The step's resource: with the request, what an idempotency key stands for, whichever way it came in. */
    private static String path(DeviceId id, String step) {
        return DEVICES + "/" + id + step;
    }

    /** Validates the request, then builds its command, checks its size and runs it. */
    private Accepted execute(Actor actor, Conditions conditions, String path, Object request, boolean creates,
                             Supplier<DeviceCommand> build) {
        Validation.check(validator, request);
        DeviceCommand command = build.get();
        requireStorable(command);
        MetaData metaData = conditions.expectedVersion() == null ? MetaData.emptyInstance()
                : MetaData.with(DeviceCommandTargetResolver.EXPECTED_VERSION, conditions.expectedVersion());
        String fingerprint = fingerprint(path, request);
        int status = creates ? HttpStatus.CREATED.value() : HttpStatus.OK.value();
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = idempotency.execute(actor.id(), conditions.idempotencyKey(), fingerprint, () -> {
                    Object result = commands.sendAndWait(new GenericCommandMessage<>(command, metaData));
                    long version = result instanceof Long v ? v : 0L;
                    return new Outcome(status, command.deviceId().toString(), version, false);
                });
                return new Accepted(DeviceId.of(outcome.deviceId()), outcome.version(),
                        outcome.status() == HttpStatus.CREATED.value(), outcome.replayed());
            } catch (ConcurrencyException e) {
                if (conditions.expectedVersion() != null || attempt >= ATTEMPTS) {
                    throw refusal(e, command.deviceId());
                }
                log.debug("{} on {} met a concurrent command (attempt {}); running it again",
                        command.getClass().getSimpleName(), command.deviceId(), attempt);
                pauseBeforeAttempt(attempt);
            } catch (RuntimeException e) {
                throw refusal(e, command.deviceId());
            }
        }
    }

    /**
     * The last line behind the bounds: a command whose JSON is larger than {@code custody.input.max-event-bytes} is
     * refused before anything is stored, so no event can reach the broker over its largest message. The bounds keep
     * every valid request far below it ({@code EventSizeTest}); what the event adds to the command (its force, times,
     * scope review) is a few hundred bytes.
     */
    private void requireStorable(DeviceCommand command) {
        int bytes;
        try {
            bytes = EVENT_JSON.writeValueAsBytes(command).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command could not be written as JSON", e);
        }
        if (bytes > maxEventBytes) {
            throw Problem.tooLarge("event-too-large", "This step would store " + bytes + " bytes, more than the "
                    + maxEventBytes + " one event may hold; shorten its text", List.of());
        }
    }

    /** A few milliseconds, growing and random, so that the commands that met do not meet again. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + (4L << attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }

    /** The refusal a caller is shown; anything else is a fault on our side and goes on as it is. */
    static RuntimeException refusal(RuntimeException failure, DeviceId id) {
        if (failure instanceof RuleViolation v) {
            List<FieldError> fields = v.fieldProblems().stream().map(p -> new FieldError(p.field(), p.message())).toList();
            return switch (v.kind()) {
                case CONFLICT -> new Problem(HttpStatus.CONFLICT, v.rule(), v.getMessage(), fields);
                case UNPROCESSABLE -> new Problem(HttpStatus.UNPROCESSABLE_ENTITY, v.rule(), v.getMessage(), fields);
                case FORBIDDEN -> new Problem(HttpStatus.FORBIDDEN, v.rule(), v.getMessage(), fields);
                case NOT_FOUND -> NotFound.device(id);
            };
        }
        if (failure instanceof AggregateNotFoundException) {
            return NotFound.device(id);
        }
        if (failure instanceof AggregateStreamCreationException) {
            return Problem.conflict("device-exists", "A custody record with this id already exists; to take a "
                    + "returned device again, post to its seizures");
        }
        if (failure instanceof ConcurrencyException || failure instanceof ConflictingModificationException) {
            return Problem.conflict(CONCURRENT_MODIFICATION,
                    "The device changed since you last read it; reload its state and try again");
        }
        if (failure instanceof IdempotencyKeyReused reused) {
            return Problem.unprocessable("idempotency-key-reused", reused.getMessage(),
                    List.of(new FieldError("Idempotency-Key", "already used for a different request")));
        }
        return failure;
    }

    private static String fingerprint(String path, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update(String.valueOf(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
