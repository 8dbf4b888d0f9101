package dev.custody.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies of one thread, with the time each request completed, so that warm-up and cool-down can be cut off after
 * the run. Not thread-safe: each load thread owns one and they are merged at the end.
 */
final class Latencies {

    /** Percentiles by nearest rank, in milliseconds. */
    record Summary(long count, double p50, double p99, double max, double mean) {
        static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        String brief() {
            return count == 0 ? "n/a" : "p50 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(p50, p99, max);
        }
    }

    private long[] latency = new long[4096];
    private long[] completedAt = new long[4096];
    private int size;

    void add(long latencyNanos, long completedAtNanos) {
        if (size == latency.length) {
            latency = Arrays.copyOf(latency, size * 2);
            completedAt = Arrays.copyOf(completedAt, size * 2);
        }
        latency[size] = latencyNanos;
        completedAt[size] = completedAtNanos;
        size++;
    }

    /** Latencies of the requests that completed in [from, to), over all threads. */
    static long[] window(List<Latencies> all, long from, long to) {
        int n = 0;
        for (Latencies l : all) {
            for (int i = 0; i < l.size; i++) {
                if (l.completedAt[i] >= from && l.completedAt[i] < to) {
                    n++;
                }
            }
        }
        long[] out = new long[n];
        int k = 0;
        for (Latencies l : all) {
            for (int i = 0; i < l.size; i++) {
                if (l.completedAt[i] >= from && l.completedAt[i] < to) {
                    out[k++] = l.latency[i];
                }
            }
        }
        return out;
    }

    static Summary summarise(long[] nanos) {
        if (nanos.length == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Summary(sorted.length, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)),
                ms(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
