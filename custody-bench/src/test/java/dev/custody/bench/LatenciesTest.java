package dev.custody.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1_000_000L;
        }
        assertThat(Latencies.percentile(sorted, 0.50)).isEqualTo(50_000_000L);
        assertThat(Latencies.percentile(sorted, 0.99)).isEqualTo(99_000_000L);
        assertThat(Latencies.percentile(sorted, 1.0)).isEqualTo(100_000_000L);
        Latencies.Summary s = Latencies.summarise(sorted);
        assertThat(s.p50()).isEqualTo(50.0);
        assertThat(s.max()).isEqualTo(100.0);
        assertThat(s.count()).isEqualTo(100);
    }

    @Test
    void onlyRequestsCompletedInTheWindowCount() {
        Latencies a = new Latencies();
        a.add(1, 5);
        a.add(2, 10);
        a.add(3, 19);
        a.add(4, 20);
        Latencies b = new Latencies();
        b.add(7, 15);
        assertThat(Latencies.window(List.of(a, b), 10, 20)).containsExactlyInAnyOrder(2, 3, 7);
    }
}
