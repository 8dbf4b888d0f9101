package dev.custody.values;

/** Victims' Code 2021: enhanced-rights victims are told of key events sooner. */
public enum VictimsCodeTier {
    STANDARD,
    ENHANCED
}
