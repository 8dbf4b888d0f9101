package dev.custody.projections.report;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Exact percentiles with linear interpolation between closest ranks: PostgreSQL's {@code percentile_cont} and
 * Excel's {@code PERCENTILE.INC}, so an inspector can reproduce every figure from the CSV.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The p-th percentile of a histogram (value to count), as if every value were listed count times.
     *
     * @return null for an empty histogram
     */
    public static Double of(NavigableMap<Long, Long> histogram, double p) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        double h = (n - 1) * p;
        long lowRank = (long) Math.floor(h);
        long highRank = (long) Math.ceil(h);
        long low = valueAtRank(histogram, lowRank);
        long high = valueAtRank(histogram, highRank);
        return low + (h - lowRank) * (high - low);
    }

    /** The value at a 0-based rank of the sorted, expanded histogram. */
    private static long valueAtRank(NavigableMap<Long, Long> histogram, long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (rank < seen) {
                return e.getKey();
            }
        }
        return histogram.lastKey();
    }
}
