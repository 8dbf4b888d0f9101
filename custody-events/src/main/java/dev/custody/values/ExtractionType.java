package dev.custody.values;

public enum ExtractionType {
    LOGICAL,
    FILE_SYSTEM,
    FULL_FILE_SYSTEM,
    PHYSICAL,
    SELECTIVE
}
