package dev.custody.projections.deadline;

import dev.custody.values.DeviceType;

import java.time.Duration;
import java.util.Set;

/**
 * One force's deadline durations. The defaults are the brief's; every number can be overridden per force.
 *
 * @param returnWithin            a victim's or witness's device goes back within this, unless a supervisor
 *                                authorised longer
 * @param returnWarningBefore     warn this long before the return deadline (20h into 24h by default); zero: no warning
 * @param replacementWithin       a replacement is due this long after seizure while the device is held
 * @param replacementDeviceTypes  devices for which a replacement makes sense (a phone, not a laptop)
 * @param downloadStuckAfter      a started download should complete or fail within this
 * @param downloadUnverifiedAfter a completed download should be verified within this
 * @param downloadStaleAfter      examination should start within this of a completed download
 * @param timeSensitiveWithin     data at risk is downloaded within this of seizure, or by its stated expiry if sooner
 * @param victimUpdateStandard    longest gap between updates to a victim on the standard tier
 * @param victimUpdateEnhanced    longest gap for a victim with enhanced rights
 * @param longHoldAfter           the review point for any held device
 */
public record DeadlineSettings(Duration returnWithin, Duration returnWarningBefore, Duration replacementWithin,
                               Set<DeviceType> replacementDeviceTypes, Duration downloadStuckAfter,
                               Duration downloadUnverifiedAfter, Duration downloadStaleAfter,
                               Duration timeSensitiveWithin, Duration victimUpdateStandard, Duration victimUpdateEnhanced,
                               Duration longHoldAfter) {

    public static final DeadlineSettings DEFAULTS = new DeadlineSettings(Duration.ofHours(24), Duration.ofHours(4),
            Duration.ofHours(24), Set.of(DeviceType.MOBILE_PHONE), Duration.ofHours(24), Duration.ofHours(48),
            Duration.ofDays(7), Duration.ofHours(24), Duration.ofDays(28), Duration.ofDays(14), Duration.ofDays(89));

    public DeadlineSettings {
        replacementDeviceTypes = Set.copyOf(replacementDeviceTypes);
    }

    /** This force's settings: each non-null override replaces the default. */
    public DeadlineSettings with(Overrides o) {
        if (o == null) {
            return this;
        }
        return new DeadlineSettings(or(o.returnWithin(), returnWithin), or(o.returnWarningBefore(), returnWarningBefore),
                or(o.replacementWithin(), replacementWithin), or(o.replacementDeviceTypes(), replacementDeviceTypes),
                or(o.downloadStuckAfter(), downloadStuckAfter), or(o.downloadUnverifiedAfter(), downloadUnverifiedAfter),
                or(o.downloadStaleAfter(), downloadStaleAfter), or(o.timeSensitiveWithin(), timeSensitiveWithin),
                or(o.victimUpdateStandard(), victimUpdateStandard), or(o.victimUpdateEnhanced(), victimUpdateEnhanced),
                or(o.longHoldAfter(), longHoldAfter));
    }

    private static <T> T or(T override, T fallback) {
        return override != null ? override : fallback;
    }

    /** A force's changes to the defaults; null fields keep the default. */
    public record Overrides(Duration returnWithin, Duration returnWarningBefore, Duration replacementWithin,
                            Set<DeviceType> replacementDeviceTypes, Duration downloadStuckAfter,
                            Duration downloadUnverifiedAfter, Duration downloadStaleAfter,
                            Duration timeSensitiveWithin, Duration victimUpdateStandard, Duration victimUpdateEnhanced,
                            Duration longHoldAfter) {
    }
}
