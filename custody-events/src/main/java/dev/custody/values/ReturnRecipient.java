package dev.custody.values;

public enum ReturnRecipient {
    OWNER,
    REPRESENTATIVE,
    ISVA,
    OTHER
}
