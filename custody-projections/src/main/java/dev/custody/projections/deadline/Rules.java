package dev.custody.projections.deadline;

import dev.custody.events.DeviceEvent;
import dev.custody.events.DeviceEvent.DeviceReturned;
import dev.custody.events.DeviceEvent.DownloadCompleted;
import dev.custody.events.DeviceEvent.DownloadFailed;
import dev.custody.events.DeviceEvent.DownloadVerified;
import dev.custody.events.DeviceEvent.ExaminationStarted;
import dev.custody.events.DeviceEvent.ReplacementIssued;
import dev.custody.events.DeviceEvent.VictimNotified;
import dev.custody.projections.device.DeviceView;
import dev.custody.values.AlertRule;
import dev.custody.values.CustodyStage;
import dev.custody.values.OwnerRole;
import dev.custody.values.VictimsCodeTier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The eight rules of the brief's deadline table. Each applies only while the device is held: a return closes
 * every deadline of the seizure.
 */
public final class Rules {

    private Rules() {
    }

    public static final List<DeadlineRule> ALL = List.of(new ReturnWithin24Hours(), new ReplacementWithin24Hours(),
            new StuckDownload(), new UnverifiedDownload(), new StaleDownload(), new TimeSensitiveData(),
            new VictimUpdateOverdue(), new LongHold());

    /**
     * A victim's or witness's device goes back within 24h of seizure, unless a supervisor authorised longer: then
     * the authorised date is the deadline. Withdrawal of agreement does not pause it: the device must go back.
     */
    static final class ReturnWithin24Hours implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.RETURN_24H;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld() || !v.isVictimOrWitness()) {
                return Optional.empty();
            }
            return Optional.of(v.retentionUntil() != null ? v.retentionUntil() : v.seizedAt().plus(s.returnWithin()));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof DeviceReturned;
        }

        @Override
        public Duration warningBefore(DeadlineSettings settings) {
            return settings.returnWarningBefore();
        }
    }

    /**
     * A victim's or witness's phone held past 24h needs a replacement: due 24h after seizure while none is out. An
     * authorised extension keeps the device longer, so the rule stays open until a replacement is issued.
     */
    static final class ReplacementWithin24Hours implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.REPLACEMENT_24H;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld() || !v.isVictimOrWitness() || !s.replacementDeviceTypes().contains(v.deviceType())
                    || v.activeReplacement() != null) {
                return Optional.empty();
            }
            return Optional.of(v.seizedAt().plus(s.replacementWithin()));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof ReplacementIssued;
        }
    }

    /** A started download completes or fails within 24h. */
    static final class StuckDownload implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.DOWNLOAD_STUCK;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (v.stage() != CustodyStage.DOWNLOADING || v.isAgreementWithdrawn()) {
                return Optional.empty();
            }
            return Optional.of(v.downloadStartedAt().plus(s.downloadStuckAfter()));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof DownloadCompleted || event instanceof DownloadFailed;
        }
    }

    /** A completed download is verified within 48h ("it hadn't downloaded properly the first time"). */
    static final class UnverifiedDownload implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.DOWNLOAD_UNVERIFIED;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld() || v.isAgreementWithdrawn() || v.downloadCompletedAt() == null
                    || v.downloadVerifiedAt() != null) {
                return Optional.empty();
            }
            return Optional.of(v.downloadCompletedAt().plus(s.downloadUnverifiedAfter()));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof DownloadVerified;
        }
    }

    /** Examination starts within 7 days of a completed download; starting it (and so completing it) closes the rule. */
    static final class StaleDownload implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.DOWNLOAD_STALE;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld() || v.isAgreementWithdrawn() || v.downloadCompletedAt() == null
                    || v.examinationStartedAt() != null) {
                return Optional.empty();
            }
            return Optional.of(v.downloadCompletedAt().plus(s.downloadStaleAfter()));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof ExaminationStarted;
        }
    }

    /**
     * Data at risk of disappearing (dating apps, disappearing messages) is downloaded within 24h of seizure, or by
     * its stated expiry if that is sooner.
     */
    static final class TimeSensitiveData implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.TIME_SENSITIVE_DATA;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld() || v.isAgreementWithdrawn() || v.atRisk().isEmpty()
                    || v.firstDownloadCompletedAt() != null) {
                return Optional.empty();
            }
            Instant due = v.seizedAt().plus(s.timeSensitiveWithin());
            Instant expiry = v.earliestAtRiskExpiry();
            return Optional.of(expiry != null && expiry.isBefore(due) ? expiry : due);
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof DownloadCompleted;
        }
    }

    /**
     * A victim hears from us at least as often as agreed, and never less often than their Victims' Code tier allows
     * (28 days standard, sooner with enhanced rights). Each update starts the next period.
     */
    static final class VictimUpdateOverdue implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.VICTIM_UPDATE_OVERDUE;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld() || v.ownerRole() != OwnerRole.VICTIM) {
                return Optional.empty();
            }
            Duration interval = v.victimTier() == VictimsCodeTier.ENHANCED ? s.victimUpdateEnhanced()
                    : s.victimUpdateStandard();
            if (v.updateEveryDays() != null && Duration.ofDays(v.updateEveryDays()).compareTo(interval) < 0) {
                interval = Duration.ofDays(v.updateEveryDays());
            }
            Instant since = v.lastVictimUpdateAt() != null && v.lastVictimUpdateAt().isAfter(v.seizedAt())
                    ? v.lastVictimUpdateAt() : v.seizedAt();
            return Optional.of(since.plus(interval));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof VictimNotified;
        }
    }

    /** Any device held past the review point (89 days, the average hold the sources found) is reviewed. */
    static final class LongHold implements DeadlineRule {
        @Override
        public AlertRule rule() {
            return AlertRule.LONG_HOLD;
        }

        @Override
        public Optional<Instant> dueAt(DeviceView v, DeadlineSettings s) {
            if (!v.isHeld()) {
                return Optional.empty();
            }
            return Optional.of(v.seizedAt().plus(s.longHoldAfter()));
        }

        @Override
        public boolean isSatisfiedBy(DeviceEvent event) {
            return event instanceof DeviceReturned;
        }
    }
}
