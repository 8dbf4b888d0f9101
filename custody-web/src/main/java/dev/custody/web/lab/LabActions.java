package dev.custody.web.lab;

import dev.custody.projections.device.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.Role;
import dev.custody.web.device.DeviceActions;
import dev.custody.web.device.DeviceRecord;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static dev.custody.values.CustodyStage.AT_LAB;
import static dev.custody.values.CustodyStage.DOWNLOADED;
import static dev.custody.values.CustodyStage.DOWNLOADING;
import static dev.custody.values.CustodyStage.DOWNLOAD_FAILED;
import static dev.custody.values.CustodyStage.EXAMINED;
import static dev.custody.values.CustodyStage.EXAMINING;
import static dev.custody.values.CustodyStage.SEIZED;
import static dev.custody.values.CustodyStage.VERIFIED;

/**
 * The lab's steps a lab technician may take on a device now: booking it in (any lab of the device's force), then at
 * their own lab downloading, verifying, examining and marking it ready for collection, each only from the stages the
 * custody lifecycle allows. Nothing is offered once agreement was withdrawn or the device was returned.
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
                EnumSet.of(SEIZED)),
        START_DOWNLOAD("Start a download", "download", "Start a download", "Download started",
                EnumSet.of(AT_LAB, DOWNLOAD_FAILED, DOWNLOADED)),
        COMPLETE_DOWNLOAD("Complete the download", "download-completion", "Complete the download",
                "Download completed", EnumSet.of(DOWNLOADING)),
        FAIL_DOWNLOAD("Record that the download failed", "download-failure", "Record that the download failed",
                "Download failure recorded", EnumSet.of(DOWNLOADING)),
        VERIFY_DOWNLOAD("Verify the download", "download-verification", "Verify the download", "Download verified",
                EnumSet.of(DOWNLOADED, EXAMINING, EXAMINED)),
        START_EXAMINATION("Start the examination", "examination", "Start the examination", "Examination started",
                EnumSet.of(DOWNLOADED, VERIFIED)),
        COMPLETE_EXAMINATION("Complete the examination", "examination-completion", "Complete the examination",
                "Examination completed", EnumSet.of(EXAMINING)),
        READY_FOR_COLLECTION("Mark ready for collection", "ready-for-collection", "Mark the device ready for collection",
                "Marked ready for collection", EnumSet.of(EXAMINED));

        final String label;
        final String slug;
        final String question;
        final String done;
        final Set<CustodyStage> from;

        Step(String label, String slug, String question, String done, Set<CustodyStage> from) {
            this.label = label;
            this.slug = slug;
            this.question = question;
            this.done = done;
            this.from = from;
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
        if (Step.RECEIVE.from.contains(stage)) {
            steps.add(Step.RECEIVE);
            return steps;
        }
        if (!Objects.equals(actor.lab().value(), view.lab())) {
            return steps;
        }
        boolean verified = view.downloadVerifiedAt() != null;
        for (Step step : List.of(Step.COMPLETE_DOWNLOAD, Step.FAIL_DOWNLOAD, Step.VERIFY_DOWNLOAD,
                Step.START_EXAMINATION, Step.COMPLETE_EXAMINATION, Step.READY_FOR_COLLECTION, Step.START_DOWNLOAD)) {
            if (step.from.contains(stage) && !(step == Step.VERIFY_DOWNLOAD && verified)) {
                steps.add(step);
            }
        }
        return steps;
    }
}
