package dev.custody.web.lab;

import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.LifecycleStep;
import dev.custody.values.Role;
import dev.custody.web.device.DeviceActions;
import dev.custody.web.device.DeviceRecord;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;


/**
 * The lab's steps a lab technician may take on a device now: booking it in (any lab of the device's force), then at
 * their own lab downloading, verifying, examining and marking it ready for collection, each only from the stages the
 * custody lifecycle ({@link LifecycleStep}, the command side's own table) allows. Nothing is offered once agreement was withdrawn or the device was returned.
 */
@Component
@Order(10)
class LabActions implements DeviceActions {

    /**
     * The lab's steps: the button that offers each, its form page ({@code /devices/{id}/lab/{slug}}), the question
     * the form asks, what the page says once it is done, and the stages the custody lifecycle allows it from.
     */
    enum Step {
        RECEIVE("Receive at the lab", "receive", "Receive the device at the lab", "Received at the lab",
                LifecycleStep.LAB_RECEIPT),
        START_DOWNLOAD("Start a download", "download", "Start a download", "Download started",
                LifecycleStep.DOWNLOAD_START),
        COMPLETE_DOWNLOAD("Complete the download", "download-completion", "Complete the download",
                "Download completed", LifecycleStep.DOWNLOAD_COMPLETION),
        FAIL_DOWNLOAD("Record that the download failed", "download-failure", "Record that the download failed",
                "Download failure recorded", LifecycleStep.DOWNLOAD_FAILURE),
        VERIFY_DOWNLOAD("Verify the download", "download-verification", "Verify the download", "Download verified",
                LifecycleStep.DOWNLOAD_VERIFICATION),
        START_EXAMINATION("Start the examination", "examination", "Start the examination", "Examination started",
                LifecycleStep.EXAMINATION_START),
        COMPLETE_EXAMINATION("Complete the examination", "examination-completion", "Complete the examination",
                "Examination completed", LifecycleStep.EXAMINATION_COMPLETION),
        /** The lifecycle allows it from any held stage; the lab offers it once its examination is complete. */
        READY_FOR_COLLECTION("Mark ready for collection", "ready-for-collection", "Mark the device ready for collection",
                "Marked ready for collection", LifecycleStep.READY_FOR_COLLECTION);

        final String label;
        final String slug;
        final String question;
        final String done;
        final LifecycleStep lifecycle;

        Step(String label, String slug, String question, String done, LifecycleStep lifecycle) {
            this.label = label;
            this.slug = slug;
            this.question = question;
            this.done = done;
            this.lifecycle = lifecycle;
        }

        /** Whether the lifecycle allows this step from {@code stage}, as the command side judges it. */
        boolean allowedFrom(CustodyStage stage) {
            return lifecycle.isAllowedFrom(stage) && (this != READY_FOR_COLLECTION || stage == CustodyStage.EXAMINED);
        }

        static Optional<Step> bySlug(String slug) {
            return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst();
        }

        String path(Object deviceId) {
            return "/devices/" + deviceId + "/lab/" + slug;
        }

        /** For templates. */
        public String getLabel() {
            return label;
        }

        public String getQuestion() {
            return question;
        }

        public String getSlug() {
            return slug;
        }
    }

    @Override
    public List<Action> available(Actor actor, DeviceRecord device) {
        return steps(actor, device.view()).stream()
                .map(s -> new Action(s.label, s.path(device.id())))
                .toList();
    }

    /** The steps offered, the likeliest next one first. */
    static List<Step> steps(Actor actor, DeviceView view) {
        List<Step> steps = new ArrayList<>();
        if (!actor.has(Role.LAB) || actor.lab() == null || !view.isHeld() || view.agreementWithdrawnAt() != null) {
            return steps;
        }
        CustodyStage stage = view.stage();
        if (Step.RECEIVE.allowedFrom(stage)) {
            steps.add(Step.RECEIVE);
            return steps;
        }
        if (!Objects.equals(actor.lab().value(), view.lab())) {
            return steps;
        }
        boolean verified = view.downloadVerifiedAt() != null;
        for (Step step : List.of(Step.COMPLETE_DOWNLOAD, Step.FAIL_DOWNLOAD, Step.VERIFY_DOWNLOAD,
                Step.START_EXAMINATION, Step.COMPLETE_EXAMINATION, Step.READY_FOR_COLLECTION, Step.START_DOWNLOAD)) {
            if (step.allowedFrom(stage) && !(step == Step.VERIFY_DOWNLOAD && verified)) {
                steps.add(step);
            }
        }
        return steps;
    }
}
