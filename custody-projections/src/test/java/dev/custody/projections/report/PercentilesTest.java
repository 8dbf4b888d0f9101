package dev.custody.projections.report;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The same answers as PostgreSQL's percentile_cont and Excel's PERCENTILE.INC on known data. */
class PercentilesTest {

    private static TreeMap<Long, Long> histogram(long... valueCountPairs) {
        TreeMap<Long, Long> h = new TreeMap<>();
        for (int i = 0; i < valueCountPairs.length; i += 2) {
            h.put(valueCountPairs[i], valueCountPairs[i + 1]);
        }
        return h;
    }

    @Test
    void interpolates_between_closest_ranks() {
        // 1, 2, 3, 4: median 2.5; p90 at rank 2.7 -> 3 + 0.7 * (4 - 3) = 3.7
        TreeMap<Long, Long> h = histogram(1, 1, 2, 1, 3, 1, 4, 1);
        assertThat(Percentiles.of(h, 0.5)).isEqualTo(2.5);
        assertThat(Percentiles.of(h, 0.9)).isCloseTo(3.7, within(1e-12));
    }

    @Test
    void expands_counts() {
        // 0,0,0,10,10: median 0; p90 at rank 3.6 -> 10
        TreeMap<Long, Long> h = histogram(0, 3, 10, 2);
        assertThat(Percentiles.of(h, 0.5)).isEqualTo(0.0);
        assertThat(Percentiles.of(h, 0.9)).isEqualTo(10.0);
        // 0,0,10,10: median 5
        assertThat(Percentiles.of(histogram(0, 2, 10, 2), 0.5)).isEqualTo(5.0);
    }

    @Test
    void an_empty_histogram_has_no_percentile() {
        assertThat(Percentiles.of(new TreeMap<>(), 0.5)).isNull();
    }
}
