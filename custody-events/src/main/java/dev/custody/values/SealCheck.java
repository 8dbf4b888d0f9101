package dev.custody.values;

/**
 * The seal inspected at a hand-over. A broken or wrong seal is recorded, not refused: the chain must show it.
 *
 * @param sealNumber the number read off the seal
 * @param intact     whether the seal was intact
 */
public record SealCheck(String sealNumber, boolean intact) {
}
