package dev.custody.values;

/** The device owner's part in the case. Victims' and witnesses' devices carry the 24-hour return rule. */
public enum OwnerRole {
    VICTIM,
    WITNESS,
    SUSPECT,
    OTHER;

    /** Victims and witnesses give their devices voluntarily and must not be left without them. */
    public boolean isVictimOrWitness() {
        return this == VICTIM || this == WITNESS;
    }
}
