package dev.custody.web.lab;

import dev.custody.device.DeviceCommands;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.DeviceRequests.CompleteDownloadRequest;
import dev.custody.device.DeviceRequests.CompleteExaminationRequest;
import dev.custody.device.DeviceRequests.FailDownloadRequest;
import dev.custody.device.DeviceRequests.LabReceiptRequest;
import dev.custody.device.DeviceRequests.ReadyForCollectionRequest;
import dev.custody.device.DeviceRequests.SealCheckRequest;
import dev.custody.device.DeviceRequests.StartDownloadRequest;
import dev.custody.device.DeviceRequests.StepRequest;
import dev.custody.device.DeviceRequests.VerifyDownloadRequest;
import dev.custody.edge.Problem;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.values.ExtractionType;
import dev.custody.web.form.Answers;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.device.StepSender;
import dev.custody.web.device.Timeline;
import dev.custody.web.form.FormErrors;
import dev.custody.web.form.FormErrors.FieldProblem;
import dev.custody.web.form.When;
import dev.custody.web.lab.LabActions.Step;
import dev.custody.web.layout.PageNotFound;
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

/**
 * The lab's steps, one question page each (the GOV.UK pattern). A form shows what the step needs (the seal number
 * recorded at seizure beside the one read now) and carries the version of the record it was drawn from. Sending it
 * goes through {@link DeviceCommands}, exactly as the REST API's command does, with that version as the expected
 * one: if someone else changed the device meanwhile nothing is stored, and the person is told what changed and asked
 * again.
 */
@Controller
class LabStepsController {

    /** Each field's label on the forms, by its path in the request: Bean Validation's messages name no field. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry(When.FIELD, "When it happened"), Map.entry("sealCheck", "Seal"),
            Map.entry("sealCheck.sealNumber", "Seal number"), Map.entry("tool", "Tool and version"),
            Map.entry("extractionType", "Kind of extraction"), Map.entry("sha256", "SHA-256"),
            Map.entry("sizeBytes", "Size in bytes"), Map.entry("reason", "Why it failed"),
            Map.entry("relevantMaterialFound", "Whether relevant material was found"),
            Map.entry("summary", "Summary"), Map.entry("note", "Note"));

    private final DeviceRecords records;
    private final DeviceCommands commands;
    private final StepSender sender;
    private final Validator validator;
    private final Clock clock;

    LabStepsController(DeviceRecords records, DeviceCommands commands, StepSender sender,
                       Validator validator, Clock clock) {
        this.records = records;
        this.commands = commands;
        this.sender = sender;
        this.validator = validator;
        this.clock = clock;
    }

    @GetMapping("/devices/{id}/lab/{slug}")
    String form(Actor actor, @PathVariable UUID id, @PathVariable String slug, Model model,
                RedirectAttributes redirect) {
        Step step = step(slug);
        DeviceRecord device = records.load(actor, id);
        if (!LabActions.steps(actor, device.view()).contains(step)) {
            redirect.addFlashAttribute("notice", StepSender.unavailable(step.label, device));
            return "redirect:/devices/" + id;
        }
        return show(step, device, LabStepForm.blank(device.version(), device.view().downloadAttempt()),
                FormErrors.none(), null, model);
    }

    @PostMapping("/devices/{id}/lab/{slug}")
    String send(Actor actor, @PathVariable UUID id, @PathVariable String slug, LabStepForm form, Model model,
                RedirectAttributes redirect) {
        Step step = step(slug);
        List<FieldProblem> problems = new ArrayList<>();
        Object request = request(step, form, clock.instant(), problems);
        if (!problems.isEmpty()) {
            return show(step, records.load(actor, id), form,
                    FormErrors.withValidation(problems, validator, request, LABELS), null, model);
        }
        return sender.submit(actor, id, form.version(), LABELS, () -> send(step, actor,
                new Conditions(null, form.version()), new DeviceId(id), form.attempt() == null ? 0 : form.attempt(),
                request), step.done,
                new StepSender.StepPage() {
                    @Override
                    public boolean offers(DeviceRecord device) {
                        return LabActions.steps(actor, device.view()).contains(step);
                    }

                    @Override
                    public String form(DeviceRecord device, FormErrors errors, List<Timeline.Step> changed) {
                        return show(step, device, changed == null ? form : form.at(device.version()), errors,
                                changed, model);
                    }
                }, model, redirect);
    }

    private String show(Step step, DeviceRecord device, LabStepForm form, FormErrors errors,
                        List<Timeline.Step> changed, Model model) {
        model.addAttribute("step", step);
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("form", form);
        model.addAttribute("when", form.whenInput());
        model.addAttribute("errors", errors);
        model.addAttribute("changed", changed);
        model.addAttribute("extractionTypes", List.of(ExtractionType.values()));
        model.addAttribute("pageTitle", (errors.any() || changed != null ? "Error: " : "") + step.question);
        return "lab/step";
    }

    private static Step step(String slug) {
        return Step.bySlug(slug).orElseThrow(() -> new PageNotFound("no lab step " + slug));
    }

    /** The step's request, as the REST API takes it; what the form's text cannot say goes into {@code problems}. */
    private static Object request(Step step, LabStepForm form, Instant now, List<FieldProblem> problems) {
        When.Result when = form.whenInput().resolve(now);
        if (when.error() != null) {
            problems.add(new FieldProblem(When.FIELD, when.error()));
        }
        Instant at = when.instant();
        return switch (step) {
            case RECEIVE -> new LabReceiptRequest(at, new SealCheckRequest(Answers.text(form.sealNumber()),
                    yesNo(form.sealIntact(), "sealCheck.intact", "Say whether the seal is intact", problems)));
            case START_DOWNLOAD -> new StartDownloadRequest(at, Answers.text(form.tool()),
                    extractionType(form.extractionType(), problems));
            case COMPLETE_DOWNLOAD -> new CompleteDownloadRequest(at, Answers.text(form.sha256()),
                    size(form.sizeBytes(), problems));
            case FAIL_DOWNLOAD -> new FailDownloadRequest(at, Answers.text(form.reason()));
            case VERIFY_DOWNLOAD -> new VerifyDownloadRequest(at, Answers.text(form.sha256()));
            case START_EXAMINATION -> new StepRequest(at);
            case COMPLETE_EXAMINATION -> new CompleteExaminationRequest(at,
                    yesNo(form.relevantMaterialFound(), "relevantMaterialFound",
                            "Say whether relevant material was found", problems), Answers.text(form.summary()));
            case READY_FOR_COLLECTION -> new ReadyForCollectionRequest(at, Answers.text(form.note()));
        };
    }

    private void send(Step step, Actor actor, Conditions conditions, DeviceId id, int attempt, Object request) {
        switch (step) {
            case RECEIVE -> commands.receiveAtLab(actor, conditions, id, (LabReceiptRequest) request);
            case START_DOWNLOAD -> commands.startDownload(actor, conditions, id, (StartDownloadRequest) request);
            case COMPLETE_DOWNLOAD -> commands.completeDownload(actor, conditions, id, attempt,
                    (CompleteDownloadRequest) request);
            case FAIL_DOWNLOAD -> commands.failDownload(actor, conditions, id, attempt, (FailDownloadRequest) request);
            case VERIFY_DOWNLOAD -> commands.verifyDownload(actor, conditions, id, attempt,
                    (VerifyDownloadRequest) request);
            case START_EXAMINATION -> commands.startExamination(actor, conditions, id, (StepRequest) request);
            case COMPLETE_EXAMINATION -> commands.completeExamination(actor, conditions, id,
                    (CompleteExaminationRequest) request);
            case READY_FOR_COLLECTION -> commands.markReadyForCollection(actor, conditions, id,
                    (ReadyForCollectionRequest) request);
        }
    }


    private static Boolean yesNo(String answer, String field, String message, List<FieldProblem> problems) {
        if ("yes".equals(answer)) {
            return true;
        }
        if ("no".equals(answer)) {
            return false;
        }
        problems.add(new FieldProblem(field, message));
        return null;
    }

    private static ExtractionType extractionType(String name, List<FieldProblem> problems) {
        for (ExtractionType type : ExtractionType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        problems.add(new FieldProblem("extractionType", "Choose the kind of extraction"));
        return null;
    }

    /** A size as the tool reports it: digits, perhaps grouped with commas or spaces. */
    private static long size(String text, List<FieldProblem> problems) {
        String digits = text == null ? "" : text.replaceAll("[\\s,]", "");
        if (digits.isEmpty()) {
            problems.add(new FieldProblem("sizeBytes", "Enter the size in bytes"));
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("sizeBytes", "Enter the size in bytes as a whole number, for example "
                    + "64000000000"));
            return 0;
        }
    }
}
