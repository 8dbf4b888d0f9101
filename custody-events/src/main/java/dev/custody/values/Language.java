package dev.custody.values;

/** Language for notices and messages (Welsh Language Measure 2011). */
public enum Language {
    EN,
    CY
}
