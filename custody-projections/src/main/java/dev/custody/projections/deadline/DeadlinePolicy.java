package dev.custody.projections.deadline;

import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DownloadCompleted;
import dev.custody.events.DeviceEvent.DownloadFailed;
import dev.custody.events.DeviceEvent.DownloadVerified;
import dev.custody.events.DeviceEvent.ExaminationStarted;
import dev.custody.events.DeviceEvent.ReplacementIssued;
import dev.custody.events.DeviceEvent.VictimNotified;
import dev.custody.projections.view.DeviceView;
import dev.custody.values.AlertRule;
import dev.custody.values.CustodyStage;
import dev.custody.values.OwnerRole;
import dev.custody.values.VictimsCodeTier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One alert rule as a small named policy: when it falls due for a device, which step satisfies it, and how long
 * before the breach it warns. {@link #allCurrentPolicies()} is the one list of the rules in force.
 * <p>
 * Contract: {@link #dueTimes} is a pure function of the device's view and the force's settings, judged on
 * {@code occurredAt} times, never on when a step was logged; so a backdated step is judged when it happened and a
 * rebuild reproduces every deadline. A policy is asked only while the device is held: a return closes every
 * deadline of the seizure.
 */
public interface DeadlinePolicy {

    AlertRule rule();

    /**
     * When this rule falls due for the device as it now stands: empty when it does not apply, one time for a
     * deadline, one per finding for an integrity rule.
     */
    List<Instant> dueTimes(DeviceView view, DeadlineSettings settings);

    /** True when {@code event} is the step the rule waits for; any other event that closes it supersedes it. */
    boolean isSatisfiedBy(DeviceEvent event);

    /** How long before the breach a warning is raised; zero for none. */
    Duration warningBefore(DeadlineSettings settings);

    // ---- the policies ----

    /**
     * A victim's or witness's device goes back within 24h of seizure, unless a supervisor authorised longer: then
     * the authorised date is the deadline. Withdrawal of agreement does not pause it: the device must go back.
     */
    DeadlinePolicy returnWithin24Hours = Policy.of(AlertRule.RETURN_24H,
            (v, s) -> !v.isVictimOrWitness() ? List.of()
                    : List.of(v.retentionUntil() != null ? v.retentionUntil() : v.seizedAt().plus(s.returnWithin())),
            DeviceReturned.class).warnedBefore(DeadlineSettings::returnWarningBefore);

    /**
     * A victim's or witness's phone held past 24h needs a replacement: due 24h after seizure while none is out. An
     * authorised extension keeps the device longer, so the rule stays open until a replacement is issued.
     */
    DeadlinePolicy replacementWithin24Hours = Policy.of(AlertRule.REPLACEMENT_24H,
            (v, s) -> !v.isVictimOrWitness() || !s.replacementDeviceTypes().contains(v.deviceType())
                    || v.activeReplacement() != null ? List.of() : List.of(v.seizedAt().plus(s.replacementWithin())),
            ReplacementIssued.class);

    /** A started download completes or fails within 24h. */
    DeadlinePolicy stuckDownload = Policy.of(AlertRule.DOWNLOAD_STUCK,
            (v, s) -> v.stage() != CustodyStage.DOWNLOADING || v.isAgreementWithdrawn() ? List.of()
                    : List.of(v.downloadStartedAt().plus(s.downloadStuckAfter())),
            DownloadCompleted.class, DownloadFailed.class);

    /** A completed download is verified within 48h ("it hadn't downloaded properly the first time"). */
    DeadlinePolicy unverifiedDownload = Policy.of(AlertRule.DOWNLOAD_UNVERIFIED,
            (v, s) -> v.isAgreementWithdrawn() || v.downloadCompletedAt() == null || v.downloadVerifiedAt() != null
                    ? List.of() : List.of(v.downloadCompletedAt().plus(s.downloadUnverifiedAfter())),
            DownloadVerified.class);

    /** Examination starts within 7 days of a completed download; starting it (and so completing it) closes the rule. */
    DeadlinePolicy staleDownload = Policy.of(AlertRule.DOWNLOAD_STALE,
            (v, s) -> v.isAgreementWithdrawn() || v.downloadCompletedAt() == null || v.examinationStartedAt() != null
                    ? List.of() : List.of(v.downloadCompletedAt().plus(s.downloadStaleAfter())),
            ExaminationStarted.class);

    /**
     * Data at risk of disappearing (dating apps, disappearing messages) is downloaded within 24h of seizure, or by
     * its stated expiry if that is sooner.
     */
    DeadlinePolicy timeSensitiveData = Policy.of(AlertRule.TIME_SENSITIVE_DATA, (v, s) -> {
        if (v.isAgreementWithdrawn() || v.atRisk().isEmpty() || v.firstDownloadCompletedAt() != null) {
            return List.of();
        }
        Instant due = v.seizedAt().plus(s.timeSensitiveWithin());
        Instant expiry = v.earliestAtRiskExpiry();
        return List.of(expiry != null && expiry.isBefore(due) ? expiry : due);
    }, DownloadCompleted.class);

    /**
     * A victim hears from us at least as often as agreed, and never less often than their Victims' Code tier allows
     * (28 days standard, sooner with enhanced rights). Each update starts the next period.
     */
    DeadlinePolicy victimUpdateOverdue = Policy.of(AlertRule.VICTIM_UPDATE_OVERDUE, (v, s) -> {
        if (v.ownerRole() != OwnerRole.VICTIM) {
            return List.of();
        }
        Duration interval = v.victimTier() == VictimsCodeTier.ENHANCED ? s.victimUpdateEnhanced()
                : s.victimUpdateStandard();
        if (v.updateEveryDays() != null && Duration.ofDays(v.updateEveryDays()).compareTo(interval) < 0) {
            interval = Duration.ofDays(v.updateEveryDays());
        }
        Instant since = v.lastVictimUpdateAt() != null && v.lastVictimUpdateAt().isAfter(v.seizedAt())
                ? v.lastVictimUpdateAt() : v.seizedAt();
        return List.of(since.plus(interval));
    }, VictimNotified.class);

    /** Any device held past the review point (89 days, the average hold the sources found) is reviewed. */
    DeadlinePolicy longHold = Policy.of(AlertRule.LONG_HOLD, (v, s) -> List.of(v.seizedAt().plus(s.longHoldAfter())),
            DeviceReturned.class);

    /**
     * A seal found broken, or not the one recorded at seizure, at a transfer or lab receipt is raised to the
     * supervisors at once: each failed check is a finding, due when it happened. No step satisfies it; it stays
     * open, for a supervisor to acknowledge, until the device goes back.
     */
    DeadlinePolicy sealIntegrity = Policy.of(AlertRule.SEAL_INTEGRITY,
            (v, s) -> v.sealProblems().stream().map(DeviceView.SealProblem::at).distinct().toList());

    /** Every rule in force: one policy per alert rule. */
    static List<DeadlinePolicy> allCurrentPolicies() {
        return List.of(returnWithin24Hours, replacementWithin24Hours, stuckDownload, unverifiedDownload,
                staleDownload, timeSensitiveData, victimUpdateOverdue, longHold, sealIntegrity);
    }

    /** When a policy falls due for a device as it stands. */
    @FunctionalInterface
    interface DueTimes {
        List<Instant> of(DeviceView view, DeadlineSettings settings);
    }

    /** The shape every policy above shares. */
    record Policy(AlertRule rule, DueTimes due, Set<Class<? extends DeviceEvent>> satisfiedBy,
                  Function<DeadlineSettings, Duration> warning) implements DeadlinePolicy {

        @SafeVarargs
        static Policy of(AlertRule rule, DueTimes due, Class<? extends DeviceEvent>... satisfiedBy) {
            return new Policy(rule, due, Set.of(satisfiedBy), s -> Duration.ZERO);
        }

        Policy warnedBefore(Function<DeadlineSettings, Duration> warningBefore) {
            return new Policy(rule, due, satisfiedBy, warningBefore);
        }

        @Override
        public List<Instant> dueTimes(DeviceView view, DeadlineSettings settings) {
            return due.of(view, settings);
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return satisfiedBy.stream().anyMatch(type -> type.isInstance(event));
        }

        @Override
        public Duration warningBefore(DeadlineSettings settings) {
            return warning.apply(settings);
        }
    }
}
