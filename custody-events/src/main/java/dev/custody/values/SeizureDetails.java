package dev.custody.values;

import java.util.List;

/**
 * Everything recorded when a device is taken: the same for a first seizure and a re-seizure.
 *
 * @param caseReference     the force's case reference
 * @param device            what was seized, with its seal
 * @param ownerRole         the owner's part in the case
 * @param legal             purpose, basis, justification, notice and agreement
 * @param scope             the bounded date range and data categories
 * @param timeSensitiveData data at risk of disappearing; empty when none
 * @param victimCare        update tier and frequency; null unless the owner is a victim
 * @param contactReference  pointer into the contact vault; null when there is no one to notify
 */
public record SeizureDetails(CaseReference caseReference,
                             DeviceDescription device,
                             OwnerRole ownerRole,
                             LegalRecord legal,
                             Scope scope,
                             List<TimeSensitiveData> timeSensitiveData,
                             VictimCare victimCare,
                             ContactReference contactReference) {
    public SeizureDetails {
        timeSensitiveData = timeSensitiveData == null ? List.of() : List.copyOf(timeSensitiveData);
    }

    /**
     * Whether a seizure needs the full s.37-39 record (justification, notice, agreement and a bounded scope): a
     * victim's or a witness's device, and anything held on agreement.
     */
    public static boolean needsFullRecord(OwnerRole ownerRole, LegalBasis basis) {
        return ownerRole != null && ownerRole.isVictimOrWitness() || basis != null && basis.restsOnAgreement();
    }
}
