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
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
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

    /** The stages each lab step may be taken from, as the command side's lifecycle has them. */
    enum Step {
        RECEIVE("Receive at the lab", "lab-receipt", EnumSet.of(SEIZED)),
        START_DOWNLOAD("Start a download", "download", EnumSet.of(AT_LAB, DOWNLOAD_FAILED, DOWNLOADED)),
        COMPLETE_DOWNLOAD("Complete the download", "download/completion", EnumSet.of(DOWNLOADING)),
        FAIL_DOWNLOAD("Record that the download failed", "download/failure", EnumSet.of(DOWNLOADING)),
        VERIFY_DOWNLOAD("Verify the download", "download/verification", EnumSet.of(DOWNLOADED, EXAMINING, EXAMINED)),
        START_EXAMINATION("Start the examination", "examination", EnumSet.of(DOWNLOADED, VERIFIED)),
        COMPLETE_EXAMINATION("Complete the examination", "examination/completion", EnumSet.of(EXAMINING)),
        READY_FOR_COLLECTION("Mark ready for collection", "ready-for-collection", EnumSet.of(EXAMINED));

        final String label;
        final String path;
        final Set<CustodyStage> from;

        Step(String label, String path, Set<CustodyStage> from) {
            this.label = label;
            this.path = path;
            this.from = from;
        }
    }

    @Override
    public List<Action> available(Actor actor, DeviceRecord device) {
        return steps(actor, device.view()).stream()
                .map(s -> new Action(s.label, "/devices/" + device.id() + "/" + s.path))
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
