package dev.custody.values;

/** A replacement phone lent while the device is held. A swap-out keeps the victim's number and data. */
public enum ReplacementKind {
    SWAP_OUT,
    BASIC_HANDSET
}
