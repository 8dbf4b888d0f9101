package dev.custody.values;

/**
 * What was agreed with the victim about updates.
 *
 * @param tier            Victims' Code tier
 * @param updateEveryDays how often, in days, the victim agreed to be updated
 */
public record VictimCare(VictimsCodeTier tier, int updateEveryDays) {
}
