package dev.custody.web.officer;

import dev.custody.projections.view.DeviceView;
import dev.custody.values.Actor;
import dev.custody.values.CustodyStage;
import dev.custody.values.Holder.HolderKind;
import dev.custody.values.LifecycleStep;
import dev.custody.values.OwnerRole;
import dev.custody.values.Role;
import dev.custody.web.device.DeviceActions;
import dev.custody.web.device.DeviceRecord;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The officer's steps on a device, each offered only when the device's stage allows it (the contract's
 * {@link LifecycleStep} table, the command side's own) and it makes sense for this device: a replacement while the
 * owner has none, a withdrawal only of an agreement, a victim's update only for a victim. The likeliest next step
 * comes first: returning the device once it is ready for collection or agreement was withdrawn.
 */
@Component
@Order(20)
class OfficerActions implements DeviceActions {

    /**
     * The officer's steps: the button, the form page's slug ({@code /devices/{id}/officer/{slug}}), the question it
     * asks, what the device page says once it is done, and the lifecycle step it records.
     */
    enum Step {
        RETURN("Return the device", "return", "Return the device", "Device returned", LifecycleStep.RETURN),
        ISSUE_REPLACEMENT("Lend a replacement phone", "replacement", "Lend a replacement phone",
                "Replacement lent", LifecycleStep.REPLACEMENT_ISSUE),
        RETURN_REPLACEMENT("Take back the replacement phone", "replacement-return",
                "Take back the replacement phone", "Replacement taken back", LifecycleStep.REPLACEMENT_RETURN),
        TRANSFER("Hand the device over", "transfer", "Hand the device over", "Hand-over recorded",
                LifecycleStep.CUSTODY_TRANSFER),
        VICTIM_UPDATE("Record an update given to the victim", "victim-update",
                "Record an update given to the victim", "Update recorded", LifecycleStep.VICTIM_NOTIFICATION),
        READY_FOR_COLLECTION("Mark ready for collection", "ready-for-collection",
                "Mark the device ready for collection", "Marked ready for collection",
                LifecycleStep.READY_FOR_COLLECTION),
        WITHDRAW_AGREEMENT("Record that agreement was withdrawn", "agreement-withdrawal",
                "Record that agreement was withdrawn", "Withdrawal recorded", LifecycleStep.AGREEMENT_WITHDRAWAL);

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

        static Optional<Step> bySlug(String slug) {
            return Arrays.stream(values()).filter(s -> s.slug.equals(slug)).findFirst();
        }

        String path(Object deviceId) {
            return "/devices/" + deviceId + "/officer/" + slug;
        }

        public String getSlug() {
            return slug;
        }

        public String getQuestion() {
            return question;
        }

        public String getLabel() {
            return label;
        }
    }

    static final String RESEIZE = "Seize it again";

    @Override
    public List<Action> available(Actor actor, DeviceRecord device) {
        List<Action> actions = new ArrayList<>(steps(actor, device.view()).stream()
                .map(s -> new Action(s.label, s.path(device.id()))).toList());
        if (actor.has(Role.OFFICER) && LifecycleStep.SEIZURE.isAllowedFrom(device.view().stage())) {
            actions.add(0, new Action(RESEIZE, "/devices/" + device.id() + "/officer/reseize"));
        }
        return actions;
    }

    /** The steps offered now, the likeliest first. */
    static List<Step> steps(Actor actor, DeviceView view) {
        List<Step> steps = new ArrayList<>();
        if (!actor.has(Role.OFFICER)) {
            return steps;
        }
        CustodyStage stage = view.stage();
        boolean open = view.isHeld() && view.agreementWithdrawnAt() == null;
        boolean goingBack = stage == CustodyStage.READY_FOR_COLLECTION || view.agreementWithdrawnAt() != null;
        if (goingBack && Step.RETURN.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.RETURN);
        }
        if (open && view.activeReplacement() == null && Step.ISSUE_REPLACEMENT.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.ISSUE_REPLACEMENT);
        }
        if (view.activeReplacement() != null && Step.RETURN_REPLACEMENT.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.RETURN_REPLACEMENT);
        }
        if (open && view.holderKind() != HolderKind.LAB && Step.TRANSFER.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.TRANSFER);
        }
        if (view.ownerRole() == OwnerRole.VICTIM && Step.VICTIM_UPDATE.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.VICTIM_UPDATE);
        }
        if (Step.READY_FOR_COLLECTION.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.READY_FOR_COLLECTION);
        }
        if (open && view.legalBasis() != null && view.legalBasis().restsOnAgreement()
                && Step.WITHDRAW_AGREEMENT.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.WITHDRAW_AGREEMENT);
        }
        if (!goingBack && Step.RETURN.lifecycle.isAllowedFrom(stage)) {
            steps.add(Step.RETURN);
        }
        return steps;
    }
}
