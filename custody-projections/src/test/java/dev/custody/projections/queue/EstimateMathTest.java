package dev.custody.projections.queue;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The expected-return arithmetic against answers known in advance: exact Gamma quantiles where they have a closed
 * form, and a simulated lab whose real completion times the range must cover as often as it claims.
 */
class EstimateMathTest {

    @Test
    void with_nothing_ahead_the_wait_is_exponential() {
        // Exponential with rate 2/day: median ln2/2 = 0.3466, p90 = ln10/2 = 1.1513, p10 = -ln(0.9)/2 = 0.0527
        double[] d = EstimateMath.queueDays(0, 2.0);
        assertThat(d[1]).isCloseTo(Math.log(2) / 2, within(0.02));
        assertThat(d[2]).isCloseTo(Math.log(10) / 2, within(0.04));
        assertThat(d[0]).isCloseTo(-Math.log(0.9) / 2, within(0.01));
    }

    @Test
    void the_quantiles_are_exact_not_an_approximation() {
        // Gamma(1, 1/2) is the exponential with rate 2; Gamma(2, 1) at its median solves 1 - e^-x (1 + x) = 1/2.
        double[] d = EstimateMath.queueDays(0, 2.0);
        assertThat(d[0]).isCloseTo(-Math.log(0.9) / 2, within(1e-9));
        assertThat(d[1]).isCloseTo(Math.log(2) / 2, within(1e-9));
        assertThat(d[2]).isCloseTo(Math.log(10) / 2, within(1e-9));
        double median = EstimateMath.queueDays(1, 1.0)[1];
        assertThat(1 - Math.exp(-median) * (1 + median)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void a_long_queue_takes_about_its_length_over_the_rate() {
        // 99 ahead at 3 a day: 100 completions; mean 33.3 days, sd sqrt(100)/3 = 3.33 days
        double[] d = EstimateMath.queueDays(99, 3.0);
        assertThat(d[1]).isCloseTo(100 / 3.0 - 1 / 9.0, within(0.1));
        assertThat(d[0]).isCloseTo(100 / 3.0 - 1.2816 * 10 / 3.0, within(0.3));
        assertThat(d[2]).isCloseTo(100 / 3.0 + 1.2816 * 10 / 3.0, within(0.3));
    }

    @Test
    void the_range_covers_the_true_completion_time_of_a_simulated_lab_eight_times_in_ten() {
        SplittableRandom random = new SplittableRandom(20261124);
        double rate = 1.7;
        int trials = 20_000;
        int below = 0;
        int above = 0;
        int belowMedian = 0;
        for (int t = 0; t < trials; t++) {
            int ahead = random.nextInt(0, 60);
            double actual = 0;
            for (int i = 0; i <= ahead; i++) {
                actual += -Math.log(1 - random.nextDouble()) / rate;
            }
            double[] range = EstimateMath.queueDays(ahead, rate);
            if (actual < range[0]) {
                below++;
            }
            if (actual > range[2]) {
                above++;
            }
            if (actual < range[1]) {
                belowMedian++;
            }
        }
        assertThat(below / (double) trials).as("below the 10th percentile").isCloseTo(0.10, within(0.01));
        assertThat(above / (double) trials).as("above the 90th percentile").isCloseTo(0.10, within(0.01));
        assertThat(belowMedian / (double) trials).as("below the likely date").isCloseTo(0.50, within(0.015));
    }

    @Test
    void nothing_to_wait_for_is_zero_days() {
        assertThat(EstimateMath.gammaDays(0, 1.0, 0)).isZero();
        assertThat(Arrays.stream(EstimateMath.queueDays(5, 1.0)).allMatch(d -> d > 0)).isTrue();
    }
}
