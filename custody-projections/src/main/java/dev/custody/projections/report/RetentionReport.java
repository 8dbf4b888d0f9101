package dev.custody.projections.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The inspectors' retention report. Every figure is defined in docs/reports.md; durations are exact (percentiles
 * interpolate linearly between closest ranks, as {@code percentile_cont} and Excel's PERCENTILE.INC do).
 */
public record RetentionReport(Period period, Filters filters, Instant generatedAt, TimeHeld timeHeld,
                              Rate returnWithin24h, Replacement replacement, LabTimes labTimes,
                              Rate unusedDevices, Reseizures reseizures, LateLogging lateLogging,
                              LongDateRanges longDateRanges, Alerts alerts) {

    /** Seizures from {@code from} to {@code to}, both inclusive, in UTC days. */
    public record Period(LocalDate from, LocalDate to) {

        /** The first instant of the period: the start of {@code from}, UTC. */
        public Instant start() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The first instant after the period: the start of the day after {@code to}, UTC. */
        public Instant end() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    public record Filters(String force, String lab, String ownerRole, String deviceType) {
    }

    public record Durations(long count, Double medianDays, Double p90Days, Double maxDays) {
    }

    public record TimeHeld(Durations returned, Durations stillHeld) {
    }

    /** {@code part} of {@code of}, with the percentage (null when {@code of} is 0). */
    public record Rate(long of, long part, Double percent) {
        static Rate of(long of, long part) {
            return new Rate(of, part, of == 0 ? null : 100.0 * part / of);
        }
    }

    public record Replacement(long heldPast24h, long withReplacement, Double percent, Double medianHoursToReplacement) {
    }

    public record LabTimes(long downloads, Double medianDaysSeizureToDownload, long examinationsStarted,
                           Double medianDaysDownloadToExamination) {
    }

    public record Reseizures(long count, Double medianDaysAfterReturn) {
    }

    public record LateLogging(long events, Double medianMinutes, Double p90Minutes) {
    }

    public record LongDateRange(UUID deviceId, int seizureNumber, String force, String caseReference,
                                LocalDate scopeFrom, LocalDate scopeTo, String justification) {
    }

    public record LongDateRanges(long count, List<LongDateRange> seizures) {
    }

    /** {@code resolvedInTime} and {@code resolvedLate} are resolved alerts; the rest were superseded. */
    public record AlertCounts(String rule, long raised, long open, long resolved, long resolvedInTime,
                              long resolvedLate, Double lateShare) {
    }

    public record Alerts(long raised, long resolved, long resolvedLate, Double lateShare, List<AlertCounts> byRule) {
    }
}
