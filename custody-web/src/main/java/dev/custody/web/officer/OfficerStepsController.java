package dev.custody.web.officer;

import dev.custody.device.DeviceCommands;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.DeviceRequests.IssueReplacementRequest;
import dev.custody.device.DeviceRequests.ReadyForCollectionRequest;
import dev.custody.device.DeviceRequests.ReturnDeviceRequest;
import dev.custody.device.DeviceRequests.StepRequest;
import dev.custody.device.DeviceRequests.TransferRequest;
import dev.custody.device.DeviceRequests.VictimNotifiedRequest;
import dev.custody.device.DeviceRequests.WithdrawAgreementRequest;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.device.DeviceRequests.HolderRequest;
import dev.custody.values.Holder.HolderKind;
import dev.custody.values.Language;
import dev.custody.values.NotificationChannel;
import dev.custody.values.ReplacementKind;
import dev.custody.values.ReturnRecipient;
import dev.custody.device.DeviceRequests.SealCheckRequest;
import dev.custody.web.form.Answers;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.device.StepSender;
import dev.custody.web.device.Timeline;
import dev.custody.edge.FieldBounds;
import dev.custody.web.form.FormErrors;
import dev.custody.web.form.FormErrors.FieldProblem;
import dev.custody.web.form.When;
import dev.custody.web.layout.PageNotFound;
import dev.custody.web.officer.OfficerActions.Step;
import jakarta.validation.Validator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.custody.web.officer.SeizurePage.constant;

/**
 * The officer's steps on a device, one question page each, sent through {@link DeviceCommands} with the version the
 * form was drawn from, exactly as the lab's steps are ({@link StepSender}).
 */
@Controller
class OfficerStepsController {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(When.FIELD, "When it happened"), Map.entry("kind", "Kind of replacement"),
            Map.entry("note", "Note"), Map.entry("to", "Who has it now"), Map.entry("to.kind", "Who has it now"),
            Map.entry("to.name", "Their name or number"), Map.entry("sealCheck", "Seal"),
            Map.entry("sealCheck.sealNumber", "Seal number"), Map.entry("returnedTo", "Who it went back to"),
            Map.entry("channel", "How they were told"), Map.entry("language", "Language"),
            Map.entry("reason", "What the update was about"));

    private static final Map<String, List<SeizureQuestions.Option>> OPTIONS = Map.of(
            "kind", List.of(
                    SeizureQuestions.Option.of(ReplacementKind.SWAP_OUT, "Swap-out phone",
                            "Keeps their number and data"),
                    SeizureQuestions.Option.of(ReplacementKind.BASIC_HANDSET, "Basic handset")),
            "toKind", List.of(
                    SeizureQuestions.Option.of(HolderKind.OFFICER, "Another officer"),
                    SeizureQuestions.Option.of(HolderKind.PROPERTY_STORE, "The property store"),
                    SeizureQuestions.Option.of(HolderKind.COURIER, "A courier")),
            "sealIntact", List.of(new SeizureQuestions.Option("yes", "Yes", null),
                    new SeizureQuestions.Option("no", "No, it is broken or missing", null)),
            "returnedTo", List.of(
                    SeizureQuestions.Option.of(ReturnRecipient.OWNER, "The owner"),
                    SeizureQuestions.Option.of(ReturnRecipient.REPRESENTATIVE, "Their representative"),
                    SeizureQuestions.Option.of(ReturnRecipient.ISVA, "Their ISVA"),
                    SeizureQuestions.Option.of(ReturnRecipient.OTHER, "Someone else")),
            "channel", List.of(
                    SeizureQuestions.Option.of(NotificationChannel.PHONE_CALL, "Phone call"),
                    SeizureQuestions.Option.of(NotificationChannel.IN_PERSON, "In person"),
                    SeizureQuestions.Option.of(NotificationChannel.VIA_ISVA, "Through their ISVA"),
                    SeizureQuestions.Option.of(NotificationChannel.EMAIL, "Email"),
                    SeizureQuestions.Option.of(NotificationChannel.SMS, "Text message"),
                    SeizureQuestions.Option.of(NotificationChannel.LETTER, "Letter")),
            "language", List.of(new SeizureQuestions.Option("EN", "English", null),
                    new SeizureQuestions.Option("CY", "Welsh", null)));

    private final DeviceRecords records;
    private final DeviceCommands commands;
    private final StepSender sender;
    private final Validator validator;
    private final Clock clock;

    OfficerStepsController(DeviceRecords records, DeviceCommands commands, StepSender sender,
                           Validator validator, Clock clock) {
        this.records = records;
        this.commands = commands;
        this.sender = sender;
        this.validator = validator;
        this.clock = clock;
    }

    @GetMapping("/devices/{id}/officer/{slug}")
    String form(Actor actor, @PathVariable UUID id, @PathVariable String slug, Model model,
                RedirectAttributes redirect) {
        Step step = step(slug);
        DeviceRecord device = records.load(actor, id);
        if (!OfficerActions.steps(actor, device.view()).contains(step)) {
            redirect.addFlashAttribute("notice", StepSender.unavailable(step.label, device));
            return "redirect:/devices/" + id;
        }
        return show(step, device, OfficerStepForm.blank(device.version()), FormErrors.none(), null, model);
    }

    @PostMapping("/devices/{id}/officer/{slug}")
    String send(Actor actor, @PathVariable UUID id, @PathVariable String slug, OfficerStepForm form, Model model,
                RedirectAttributes redirect) {
        Step step = step(slug);
        DeviceRecord before = records.load(actor, id);
        List<FieldProblem> problems = new ArrayList<>();
        Object request = request(step, form, clock.instant(), problems);
        if (!problems.isEmpty()) {
            return show(step, before, form, FormErrors.withValidation(problems, validator, request, LABELS), null,
                    model);
        }
        Integer replacement = before.view().activeReplacement();
        return sender.submit(actor, id, form.version(), LABELS, () -> send(step, actor,
                new Conditions(null, form.version()), new DeviceId(id), replacement == null ? 0 : replacement,
                request), step.done,
                new StepSender.StepPage() {
                    @Override
                    public boolean offers(DeviceRecord device) {
                        return OfficerActions.steps(actor, device.view()).contains(step);
                    }

                    @Override
                    public String form(DeviceRecord device, FormErrors errors, List<Timeline.Step> changed) {
                        return show(step, device, changed == null ? form : form.at(device.version()), errors,
                                changed, model);
                    }
                }, model, redirect);
    }

    private String show(Step step, DeviceRecord device, OfficerStepForm form, FormErrors errors,
                        List<Timeline.Step> changed, Model model) {
        model.addAttribute("step", step);
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("form", form);
        model.addAttribute("when", form.whenInput());
        model.addAttribute("errors", errors);
        model.addAttribute("changed", changed);
        model.addAttribute("opts", OPTIONS);
        model.addAttribute("noteMax", FieldBounds.of(ReturnDeviceRequest.class, "note").maxLength());
        model.addAttribute("reasonMax", FieldBounds.of(VictimNotifiedRequest.class, "reason").maxLength());
        model.addAttribute("pageTitle", (errors.any() || changed != null ? "Error: " : "") + step.question);
        return "officer/step";
    }

    private static Step step(String slug) {
        return Step.bySlug(slug).orElseThrow(() -> new PageNotFound("no officer step " + slug));
    }

    /** The step's request, as the REST API takes it; what the form's text cannot say goes into {@code problems}. */
    private static Object request(Step step, OfficerStepForm form, Instant now, List<FieldProblem> problems) {
        When.Result when = form.whenInput().resolve(now);
        if (when.error() != null) {
            problems.add(new FieldProblem(When.FIELD, when.error()));
        }
        Instant at = when.instant();
        return switch (step) {
            case ISSUE_REPLACEMENT -> new IssueReplacementRequest(at,
                    required(ReplacementKind.class, form.kind(), "kind", "Choose the kind of replacement", problems),
                    Answers.text(form.note()));
            case RETURN_REPLACEMENT -> new StepRequest(at);
            case TRANSFER -> new TransferRequest(at, new HolderRequest(required(HolderKind.class, form.toKind(), "to.kind",
                    "Choose who has the device now", problems), Answers.text(form.toName())),
                    new SealCheckRequest(Answers.text(form.sealNumber()), !"no".equals(form.sealIntact())));
            case RETURN -> new ReturnDeviceRequest(at, required(ReturnRecipient.class, form.returnedTo(),
                    "returnedTo", "Choose who the device went back to", problems), Answers.text(form.note()));
            case VICTIM_UPDATE -> new VictimNotifiedRequest(at, required(NotificationChannel.class, form.channel(),
                    "channel", "Choose how the victim was told", problems), constant(Language.class, form.language()),
                    Answers.text(form.reason()), null);
            case READY_FOR_COLLECTION -> new ReadyForCollectionRequest(at, Answers.text(form.note()));
            case WITHDRAW_AGREEMENT -> new WithdrawAgreementRequest(at, Answers.text(form.note()));
        };
    }

    private void send(Step step, Actor actor, Conditions conditions, DeviceId id, int replacement, Object request) {
        switch (step) {
            case ISSUE_REPLACEMENT -> commands.issueReplacement(actor, conditions, id, (IssueReplacementRequest) request);
            case RETURN_REPLACEMENT -> commands.returnReplacement(actor, conditions, id, replacement,
                    (StepRequest) request);
            case TRANSFER -> commands.transfer(actor, conditions, id, (TransferRequest) request);
            case RETURN -> commands.returnDevice(actor, conditions, id, (ReturnDeviceRequest) request);
            case VICTIM_UPDATE -> commands.recordVictimNotified(actor, conditions, id, (VictimNotifiedRequest) request);
            case READY_FOR_COLLECTION -> commands.markReadyForCollection(actor, conditions, id,
                    (ReadyForCollectionRequest) request);
            case WITHDRAW_AGREEMENT -> commands.withdrawAgreement(actor, conditions, id,
                    (WithdrawAgreementRequest) request);
        }
    }

    private static <E extends Enum<E>> E required(Class<E> type, String name, String field, String message,
                                                  List<FieldProblem> problems) {
        E value = constant(type, name);
        if (value == null) {
            problems.add(new FieldProblem(field, message));
        }
        return value;
    }

}
