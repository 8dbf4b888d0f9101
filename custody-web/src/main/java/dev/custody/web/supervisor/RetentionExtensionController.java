package dev.custody.web.supervisor;

import dev.custody.device.DeviceCommands;
import dev.custody.device.DeviceCommands.Conditions;
import dev.custody.device.DeviceRequests.ExtendRetentionRequest;
import dev.custody.edge.Problem;
import dev.custody.values.Actor;
import dev.custody.values.DeviceId;
import dev.custody.web.device.DevicePage;
import dev.custody.web.device.DeviceRecord;
import dev.custody.web.device.DeviceRecords;
import dev.custody.web.device.Timeline;
import dev.custody.web.form.FormErrors;
import dev.custody.web.form.FormErrors.FieldProblem;
import dev.custody.web.layout.Formats;
import dev.custody.web.layout.PageNotFound;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Extending retention, a supervisor's step on the device page: until when, and why. The reason is sent to the victim
 * word for word, and the form says so. It goes through {@link DeviceCommands#extendRetention}, as the REST API's
 * {@code POST /api/v1/devices/{id}/retention-extensions} does, with the form's version as the expected one: if
 * someone else changed the device meanwhile nothing is stored and the supervisor is told what changed.
 */
@Controller
class RetentionExtensionController {

    private static final Map<String, String> LABELS = Map.of(RetentionForm.UNTIL, "Keep it until",
            RetentionForm.REASON, "Why it must be kept longer");
    private static final Map<String, String> MISSING = Map.of(RetentionForm.REASON,
            "Enter why the device must be kept longer: the victim is told this reason");

    private final DeviceRecords records;
    private final DeviceCommands commands;
    private final DevicePage devicePage;
    private final Timeline timeline;
    private final Validator validator;
    private final Formats formats;
    private final Clock clock;

    RetentionExtensionController(DeviceRecords records, DeviceCommands commands, DevicePage devicePage, Timeline timeline,
                        Validator validator, Formats formats, Clock clock) {
        this.records = records;
        this.commands = commands;
        this.devicePage = devicePage;
        this.timeline = timeline;
        this.validator = validator;
        this.formats = formats;
        this.clock = clock;
    }

    @GetMapping("/devices/{id}/supervisor/retention")
    String form(Actor actor, @PathVariable UUID id, Model model, RedirectAttributes redirect) {
        DeviceRecord device = records.load(actor, id);
        if (!SupervisorActions.canExtend(actor, device.view())) {
            redirect.addFlashAttribute("notice", "You cannot extend retention now: the device is "
                    + formats.words(device.view().stage()).toLowerCase(java.util.Locale.UK) + ".");
            return "redirect:/devices/" + id;
        }
        return show(device, RetentionForm.blank(device.version()), FormErrors.none(), null, model);
    }

    @PostMapping("/devices/{id}/supervisor/retention")
    String send(Actor actor, @PathVariable UUID id, RetentionForm form, Model model, RedirectAttributes redirect) {
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        Instant until = form.until(problems);
        ExtendRetentionRequest request = new ExtendRetentionRequest(now, until, form.reasonText());
        if (!problems.isEmpty()) {
            return show(records.load(actor, id), form, FormErrors.withValidation(problems, validator, request, LABELS, MISSING),
                    null, model);
        }
        try {
            commands.extendRetention(actor, new Conditions(null, form.version()), new DeviceId(id), request);
        } catch (Problem refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw new PageNotFound(refused.detail());
            }
            DeviceRecord device = records.load(actor, id);
            if (form.version() != null && (device.version() > form.version()
                    || DeviceCommands.CONCURRENT_MODIFICATION.equals(refused.rule()))) {
                List<Timeline.Step> since = timeline.steps(device.since(form.version()));
                Collections.reverse(since);
                if (SupervisorActions.canExtend(actor, device.view())) {
                    return show(device, form.at(device.version()), FormErrors.none(), since, model);
                }
                return devicePage.show(actor, device, since, model);
            }
            return show(device, form, FormErrors.from(refused, LABELS, MISSING), null, model);
        }
        redirect.addFlashAttribute("done", "Retention extended until " + formats.time(until)
                + ". The victim will be told the reason.");
        return "redirect:/devices/" + id;
    }

    private String show(DeviceRecord device, RetentionForm form, FormErrors errors, List<Timeline.Step> changed,
                        Model model) {
        model.addAttribute("device", device);
        model.addAttribute("status", device.status());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("changed", changed);
        model.addAttribute("pageTitle", (errors.any() || changed != null ? "Error: " : "")
                + "Extend retention of this device");
        return "supervisor/retention";
    }
}
