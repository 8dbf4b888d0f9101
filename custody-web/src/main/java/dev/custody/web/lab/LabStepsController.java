package dev.custody.web.lab;

import dev.custody.values.Actor;
import dev.custody.values.ExtractionType;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.form.FormErrors;
import dev.custody.web.layout.PageNotFound;
import dev.custody.web.lab.LabActions.Step;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.UUID;

/**
 * The lab's steps, one question page each (the GOV.UK pattern): the form shows what the step needs (the seal number
 * recorded at seizure beside the one read now, the hash taken at completion beside the one to verify) and carries the
 * version of the record it was drawn from.
 */
@Controller
class LabStepsController {

    private final DeviceRecords records;

    LabStepsController(DeviceRecords records) {
        this.records = records;
    }

    @GetMapping("/devices/{id}/lab/{slug}")
    String form(Actor actor, @PathVariable UUID id, @PathVariable String slug, Model model,
                RedirectAttributes redirect) {
        Step step = Step.bySlug(slug).orElseThrow(() -> new PageNotFound("no lab step " + slug));
        DeviceRecord device = records.load(actor, id);
        if (!LabActions.steps(actor, device.view()).contains(step)) {
            redirect.addFlashAttribute("notice", "You cannot " + step.label.toLowerCase() + " now: the device is "
                    + device.view().stage().name().replace('_', ' ').toLowerCase() + ".");
            return "redirect:/devices/" + id;
        }
        show(step, device, LabStepForm.blank(device.version(), device.view().downloadAttempt()), FormErrors.none(),
                model);
        return "lab/step";
    }

    private static void show(Step step, DeviceRecord device, LabStepForm form, FormErrors errors, Model model) {
        model.addAttribute("step", step);
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("form", form);
        model.addAttribute("when", form.whenInput());
        model.addAttribute("errors", errors);
        model.addAttribute("extractionTypes", List.of(ExtractionType.values()));
        model.addAttribute("pageTitle", (errors.any() ? "Error: " : "") + step.question);
    }
}
