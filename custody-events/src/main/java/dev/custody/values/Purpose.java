package dev.custody.values;

/** The purposes for which PCSC Act 2022 s.37(2) allows extraction. */
public enum Purpose {
    /** s.37(2)(a): preventing, detecting, investigating or prosecuting crime. */
    CRIME,
    /** s.37(2)(b): helping to locate a missing person. */
    MISSING_PERSON,
    /** s.37(2)(c): protecting a child or an at-risk adult from neglect or harm. */
    SAFEGUARDING
}
