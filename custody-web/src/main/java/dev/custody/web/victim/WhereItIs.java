package dev.custody.web.victim;

import dev.custody.projections.view.DeviceView;
import dev.custody.values.CustodyStage;
import dev.custody.values.Holder.HolderKind;

/**
 * Where a device is, in the five plain answers a victim is given: nothing about downloads, tools or what was found.
 * A device is "at the lab" while the lab holds it, "being examined" while its examination runs, and otherwise "with
 * the police" until it is ready to collect or returned.
 */
enum WhereItIs {
    WITH_POLICE,
    AT_LAB,
    BEING_EXAMINED,
    READY_TO_COLLECT,
    RETURNED;

    static WhereItIs of(DeviceView view) {
        return of(view.stage(), view.holderKind());
    }

    static WhereItIs of(CustodyStage stage, HolderKind holder) {
        if (stage == CustodyStage.RETURNED) {
            return RETURNED;
        }
        if (stage == CustodyStage.READY_FOR_COLLECTION) {
            return READY_TO_COLLECT;
        }
        if (stage == CustodyStage.EXAMINING) {
            return BEING_EXAMINED;
        }
        return stage != CustodyStage.SEIZED && holder == HolderKind.LAB ? AT_LAB : WITH_POLICE;
    }
}
