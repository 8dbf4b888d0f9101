package dev.custody.values;

/** Who agreed to extraction: the user (s.37) or someone on their behalf (s.38). */
public enum AgreementGiver {
    DEVICE_USER,
    PARENT_OR_GUARDIAN,
    RELEVANT_AUTHORITY_REPRESENTATIVE,
    OTHER_RESPONSIBLE_ADULT
}
