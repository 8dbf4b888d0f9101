package dev.custody.projections.status;

import dev.custody.projections.alert.AlertView;
import dev.custody.projections.deadline.Deadline;
import dev.custody.projections.view.DeviceView;
import dev.custody.queries.ExpectedReturn;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A device as an officer needs it without phoning the lab: stage, holder, key times, replacement, open deadlines
 * and alerts, the seal's integrity, and when it is expected back.
 *
 * @param version        the sequence number of the last event the read model has applied; equal to the version a
 *                       command returned once the read model has caught up with it
 * @param needsAttention one of the device's events is quarantined by a processor and its later events wait behind
 *                       it until an admin retries it: this status, its deadlines and alerts, or what the victim
 *                       was told, may be behind the device's history (docs/operations.md, "Quarantined events")
 * @param openDeadlines  the deadlines still running or missed, less warnings whose breach is due; findings such as a
 *                       broken seal are not deadlines and appear under {@code sealIntegrity} and, once raised,
 *                       {@code openAlerts}
 */
public record DeviceStatus(UUID deviceId, long version, boolean needsAttention, String force, String caseReference,
                    Device device, String ownerRole, int seizureNumber, Reseizure reseizure, String stage,
                    boolean held, Holder holder, String lab, Times times, double daysHeld, Replacement replacement,
                    Retention retention, List<DeviceView.AtRisk> timeSensitiveData, VictimUpdates victimUpdates,
                    List<OpenDeadline> openDeadlines, List<AlertView> openAlerts, ExpectedReturn expectedReturn,
                    SealIntegrity sealIntegrity) {

    public record Device(String type, String description, String sealNumber) {
    }

    public record Reseizure(Instant previousReturnAt, double daysSinceReturn) {
    }

    public record Holder(String kind, String name) {
    }

    public record Times(Instant seizedAt, Instant receivedAtLabAt, Instant downloadStartedAt, Instant downloadCompletedAt,
                 Instant downloadFailedAt, Instant downloadVerifiedAt, Instant examinationStartedAt,
                 Instant examinationCompletedAt, Instant agreementWithdrawnAt, Instant readyForCollectionAt,
                 Instant returnedAt) {
    }

    /** @param issued whether a replacement was ever lent during this seizure */
    public record Replacement(boolean issued, int replacementsIssued, Integer activeNumber, String activeKind,
                       Instant activeSince) {
    }

    public record Retention(Instant authorisedUntil, String reason) {
    }

    public record VictimUpdates(String tier, Integer agreedEveryDays, Instant lastUpdateAt, int updates) {
    }

    /**
     * @param intact   true while every seal check of this seizure found the seal intact and with the number recorded
     *                 at seizure
     * @param problems each failed check; each raised a SEAL_INTEGRITY alert to the force's supervisors
     */
    public record SealIntegrity(boolean intact, List<DeviceView.SealProblem> problems) {
    }

    public record OpenDeadline(String rule, String severity, Instant dueAt, Instant fireAt, boolean overdue) {
        static OpenDeadline of(Deadline d, Instant now) {
            return new OpenDeadline(d.rule().name(), d.severity().name(), d.dueAt(), d.fireAt(), !d.dueAt().isAfter(now));
        }
    }

    /** The status of a view as of {@code now}, with its open deadlines, open alerts and expected return. */
    public static DeviceStatus of(DeviceView v, List<Deadline> deadlines, List<AlertView> openAlerts,
                                  ExpectedReturn expectedReturn, Instant now, boolean needsAttention) {
        return new DeviceStatus(v.deviceId(), v.version(), needsAttention, v.force(), v.caseReference(),
                new Device(v.deviceType().name(), v.description(), v.sealNumber()), v.ownerRole().name(),
                v.seizureNumber(),
                v.previousReturnAt() == null ? null
                        : new Reseizure(v.previousReturnAt(), round(v.reseizureGapSeconds() / 86_400.0)),
                v.stage().name(), v.isHeld(),
                new Holder(v.holderKind() == null ? null : v.holderKind().name(), v.holderName()), v.lab(),
                new Times(v.seizedAt(), v.receivedAtLabAt(), v.downloadStartedAt(), v.downloadCompletedAt(),
                        v.downloadFailedAt(), v.downloadVerifiedAt(), v.examinationStartedAt(),
                        v.examinationCompletedAt(), v.agreementWithdrawnAt(), v.readyForCollectionAt(),
                        v.returnedAt()),
                round(v.daysHeld(now)),
                new Replacement(v.firstReplacementIssuedAt() != null, v.replacementsIssued(), v.activeReplacement(),
                        v.activeReplacementKind() == null ? null : v.activeReplacementKind().name(),
                        v.activeReplacementIssuedAt()),
                v.retentionUntil() == null ? null : new Retention(v.retentionUntil(), v.retentionReason()),
                v.atRisk(),
                v.victimTier() == null && v.victimUpdates() == 0 ? null
                        : new VictimUpdates(v.victimTier() == null ? null : v.victimTier().name(), v.updateEveryDays(),
                        v.lastVictimUpdateAt(), v.victimUpdates()),
                deadlines.stream().filter(d -> d.rule().isDeadline() && !d.isMootAt(now))
                        .map(d -> OpenDeadline.of(d, now)).toList(),
                openAlerts, expectedReturn, new SealIntegrity(v.sealProblems().isEmpty(), v.sealProblems()));
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
