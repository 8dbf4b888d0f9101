package dev.custody.values;


import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.UnaryOperator;

import static dev.custody.values.CustodyStage.AT_LAB;
import static dev.custody.values.CustodyStage.DOWNLOADED;
import static dev.custody.values.CustodyStage.DOWNLOADING;
import static dev.custody.values.CustodyStage.DOWNLOAD_FAILED;
import static dev.custody.values.CustodyStage.EXAMINED;
import static dev.custody.values.CustodyStage.EXAMINING;
import static dev.custody.values.CustodyStage.READY_FOR_COLLECTION;
import static dev.custody.values.CustodyStage.RETURNED;
import static dev.custody.values.CustodyStage.SEIZED;
import static dev.custody.values.CustodyStage.VERIFIED;

/**
 * The custody lifecycle as one table: for each step, the stages it may be taken from and the stage it leaves the
 * device in.
 * <p>
 * Contract: the only statement of the lifecycle. {@code DeviceEvent#stageAfter} reads the "leads to" column, so the
 * command side, the read side and every consumer derive the same stage from the same events; the command side reads
 * the "allowed from" column to refuse a step out of order. A first seizure creates the record, so it has no stage
 * before it; every other step starts from a stage.
 */
public enum LifecycleStep {

    //                       allowed from                                    leads to
    SEIZURE(                 stages(RETURNED),                               to(SEIZED)),
    CUSTODY_TRANSFER(        held(),                                         unchanged()),
    LAB_RECEIPT(             stages(SEIZED),                                 to(AT_LAB)),
    DOWNLOAD_START(          stages(AT_LAB, DOWNLOAD_FAILED, DOWNLOADED),    to(DOWNLOADING)),
    DOWNLOAD_COMPLETION(     stages(DOWNLOADING),                            to(DOWNLOADED)),
    DOWNLOAD_FAILURE(        stages(DOWNLOADING),                            to(DOWNLOAD_FAILED)),
    /** Usually straight after the download; logged once examination has begun, it leaves the examination stage. */
    DOWNLOAD_VERIFICATION(   stages(DOWNLOADED, EXAMINING, EXAMINED),        s -> s == DOWNLOADED ? VERIFIED : s),
    EXAMINATION_START(       stages(DOWNLOADED, VERIFIED),                   to(EXAMINING)),
    EXAMINATION_COMPLETION(  stages(EXAMINING),                              to(EXAMINED)),
    REPLACEMENT_ISSUE(       held(),                                         unchanged()),
    /** The owner gives a loan phone back, also after the device's own return. */
    REPLACEMENT_RETURN(      any(),                                          unchanged()),
    RETENTION_EXTENSION(     held(),                                         unchanged()),
    AGREEMENT_WITHDRAWAL(    held(),                                         unchanged()),
    READY_FOR_COLLECTION(    heldExcept(CustodyStage.READY_FOR_COLLECTION),  to(CustodyStage.READY_FOR_COLLECTION)),
    RETURN(                  held(),                                         to(RETURNED)),
    /** A note about the device, not a step of its lifecycle: allowed in any stage, and it moves nothing. */
    VICTIM_NOTIFICATION(     any(),                                          null),
    /** A label printed for a held device (first or reprint): a note, like a notification. */
    LABEL_PRINT(             held(),                                         null);

    private final Set<CustodyStage> allowedFrom;
    private final UnaryOperator<CustodyStage> leadsTo;

    LifecycleStep(Set<CustodyStage> allowedFrom, UnaryOperator<CustodyStage> leadsTo) {
        this.allowedFrom = Collections.unmodifiableSet(allowedFrom);
        this.leadsTo = leadsTo;
    }

    /** The stages this step may be taken from. */
    public Set<CustodyStage> allowedFrom() {
        return allowedFrom;
    }

    public boolean isAllowedFrom(CustodyStage stage) {
        return stage != null && allowedFrom.contains(stage);
    }

    /** The stage a device is in after this step, given the stage before it. */
    public CustodyStage stageAfter(CustodyStage before) {
        return leadsTo == null ? before : leadsTo.apply(before);
    }

    /** False for notes about the device, which neither move its stage nor order its steps in time. */
    public boolean advancesLifecycle() {
        return leadsTo != null;
    }

    private static Set<CustodyStage> stages(CustodyStage first, CustodyStage... more) {
        return EnumSet.of(first, more);
    }

    private static Set<CustodyStage> any() {
        return EnumSet.allOf(CustodyStage.class);
    }

    private static Set<CustodyStage> held() {
        EnumSet<CustodyStage> held = EnumSet.noneOf(CustodyStage.class);
        Arrays.stream(CustodyStage.values()).filter(CustodyStage::isHeld).forEach(held::add);
        return held;
    }

    private static Set<CustodyStage> heldExcept(CustodyStage stage) {
        Set<CustodyStage> held = held();
        held.remove(stage);
        return held;
    }

    private static UnaryOperator<CustodyStage> to(CustodyStage stage) {
        return before -> stage;
    }

    private static UnaryOperator<CustodyStage> unchanged() {
        return UnaryOperator.identity();
    }
}
