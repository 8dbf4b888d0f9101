package dev.custody.web.device;

import dev.custody.device.DeviceCommands;
import dev.custody.edge.Problem;
import dev.custody.values.Actor;
import dev.custody.web.form.FormErrors;
import dev.custody.web.layout.PageNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Sends a step's form through {@link DeviceCommands} and says how it went, the same for every feature's step pages
 * (the lab's, the officer's): done; refused, with the errors to show on the form; or refused because someone else
 * changed the device after the form was drawn, with what they recorded (decision 46), whatever rule refused it.
 * Another force's device is "not found". {@link #submit} then answers with the page that says so.
 */
@Component
public class StepSender {

    /** How sending a step's form went. */
    sealed interface Outcome {
        /** Stored. */
        record Done() implements Outcome {
        }

        /** Refused for what the form says: show the form again with these errors. */
        record Refused(DeviceRecord device, FormErrors errors) implements Outcome {
        }

        /** The device changed after the form was drawn: what was recorded since, oldest first. */
        record Changed(DeviceRecord device, List<Timeline.Step> since) implements Outcome {
        }
    }

    /** A step's command: throws the command side's {@link Problem} when refused. */
    @FunctionalInterface
    public interface Step {
        void send();
    }

    /** How a feature's step page draws its form, for {@link #submit}. */
    public interface StepPage {
        /** Whether the step is still offered for the device as it is now. */
        boolean offers(DeviceRecord device);

        /**
         * The step's form: as it was sent, with why it was refused ({@code changed} null); or drawn anew at the
         * device's new version, with what others recorded since it was first drawn ({@code errors} none).
         */
        String form(DeviceRecord device, FormErrors errors, List<Timeline.Step> changed);
    }

    private final DeviceRecords records;
    private final Timeline timeline;
    private final DevicePage devicePage;

    StepSender(DeviceRecords records, Timeline timeline, DevicePage devicePage) {
        this.records = records;
        this.timeline = timeline;
        this.devicePage = devicePage;
    }

    /** What the device page says when a step's form is asked for while the device's stage does not allow it. */
    public static String unavailable(String stepLabel, DeviceRecord device) {
        return "You cannot " + stepLabel.toLowerCase(Locale.UK) + " now: the device is "
                + device.view().stage().name().replace('_', ' ').toLowerCase(Locale.UK) + ".";
    }

    /**
     * Sends the step and answers with the page that says how it went: done, the device page with {@code done} shown;
     * refused, the form again with its errors; changed by someone else since the form was drawn, the form redrawn
     * with what changed, or the device page saying so once the step is no longer offered.
     *
     * @param formVersion the version of the record the form was drawn from, sent as the expected version
     * @param labels      each field's label on the form, for Bean Validation's messages that name no field
     */
    public String submit(Actor actor, UUID id, Long formVersion, Map<String, String> labels, Step step, String done,
                         StepPage page, Model model, RedirectAttributes redirect) {
        Outcome outcome = send(actor, id, formVersion, labels, step);
        if (outcome instanceof Outcome.Changed changed) {
            return page.offers(changed.device()) ? page.form(changed.device(), FormErrors.none(), changed.since())
                    : devicePage.show(actor, changed.device(), changed.since(), model);
        }
        if (outcome instanceof Outcome.Refused refused) {
            return page.form(refused.device(), refused.errors(), null);
        }
        redirect.addFlashAttribute("done", done);
        return "redirect:/devices/" + id;
    }

    private Outcome send(Actor actor, UUID id, Long formVersion, Map<String, String> labels, Step step) {
        try {
            step.send();
            return new Outcome.Done();
        } catch (Problem refused) {
            if (refused.status() == HttpStatus.NOT_FOUND) {
                throw new PageNotFound(refused.detail());
            }
            DeviceRecord device = records.load(actor, id);
            // A stale form is refused by the expected version, or first by a rule the other person's step now
            // breaks (Axon checks the version after the handler): either way the news is what changed.
            if (formVersion != null && (device.version() > formVersion
                    || DeviceCommands.CONCURRENT_MODIFICATION.equals(refused.rule()))) {
                List<Timeline.Step> since = timeline.steps(device.since(formVersion));
                Collections.reverse(since);
                return new Outcome.Changed(device, since);
            }
            return new Outcome.Refused(device, FormErrors.from(refused, labels));
        }
    }
}
