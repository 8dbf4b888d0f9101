package dev.custody.projections.report;

import java.time.YearMonth;
import java.util.List;

/**
 * The retention report with the breakdowns its dashboard draws: the distribution of time held, the figures by
 * month and the 24-hour return rate by force, the rate of devices returned never examined, and the devices held past
 * the long-hold review point. The same population and definitions as the report (docs/reports.md).
 */
public record RetentionDashboard(RetentionReport report, List<HeldBin> timeHeld, List<MonthFigures> months,
                                 List<ForceFigures> forces, RetentionReport.Rate neverExamined, LongHold longHold) {

    /**
     * The edges of the time-held histogram's bins, in days: bin 0 is under the first edge, bin i from edge i-1 up to
     * (not including) edge i, the last bin from the last edge on. Short bins first: most devices come back in days.
     */
    public static final List<Integer> BIN_EDGES_DAYS = List.of(1, 2, 7, 14, 30, 60, 90, 180, 365);

    /**
     * One bin of the time held: returned periods by their time held, periods still held by their age so far.
     *
     * @param fromDays null for the first bin; {@code toDays} null for the last
     */
    public record HeldBin(int bin, Integer fromDays, Integer toDays, long returned, long stillHeld) {

        public static HeldBin empty(int bin) {
            return new HeldBin(bin, bin == 0 ? null : BIN_EDGES_DAYS.get(bin - 1),
                    bin == BIN_EDGES_DAYS.size() ? null : BIN_EDGES_DAYS.get(bin), 0, 0);
        }

        HeldBin with(long returned, long stillHeld) {
            return new HeldBin(bin, fromDays, toDays, returned, stillHeld);
        }
    }

    /** The bin of a time held of {@code days}: what the query's {@code width_bucket} works out. */
    public static int bin(double days) {
        int bin = 0;
        while (bin < BIN_EDGES_DAYS.size() && days >= BIN_EDGES_DAYS.get(bin)) {
            bin++;
        }
        return bin;
    }

    /** Seizures in one calendar month (UTC): time held of those returned, and the victims' 24-hour return rate. */
    public record MonthFigures(YearMonth month, long returned, Double medianDays, Double p90Days,
                               RetentionReport.Rate returnWithin24h) {
    }

    public record ForceFigures(String force, RetentionReport.Rate returnWithin24h) {
    }

    /** Periods with a LONG_HOLD breach alert: held past their force's review point; how many are still held. */
    public record LongHold(long periods, long stillHeld) {
    }
}
