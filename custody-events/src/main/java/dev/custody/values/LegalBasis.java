package dev.custody.values;

/** The power under which the device is held. */
public enum LegalBasis {
    /** PCSC Act 2022 s.37: the user provides the device voluntarily and agrees to extraction. */
    PCSC_S37_AGREEMENT,
    /** PCSC Act 2022 s.38: agreement given on behalf of a child or an adult without capacity. */
    PCSC_S38_AGREEMENT_ON_BEHALF,
    /** PACE 1984 s.19 seizure, typically a suspect's device. */
    PACE_SEIZURE,
    /** Seized under a warrant. */
    WARRANT,
    OTHER;

    /** Agreement-based holds can be withdrawn, after which extraction stops and the device goes back. */
    public boolean restsOnAgreement() {
        return this == PCSC_S37_AGREEMENT || this == PCSC_S38_AGREEMENT_ON_BEHALF;
    }
}
