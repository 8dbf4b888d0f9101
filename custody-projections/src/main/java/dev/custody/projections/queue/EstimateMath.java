package dev.custody.projections.queue;

import org.hipparchus.distribution.continuous.GammaDistribution;

/**
 * The arithmetic of the expected return date, kept apart so it can be tested against answers known in advance.
 * <p>
 * A lab that completes examinations at a steady rate of {@code λ} a day clears the {@code k} devices ahead of one
 * device, and then that device, after a time that is the sum of {@code k+1} exponential gaps: a Gamma(k+1, λ)
 * distribution, whose quantiles come from Hipparchus.
 */
public final class EstimateMath {

    /** The range is the 10th to the 90th percentile. */
    static final double P_10 = 0.10;
    static final double P_50 = 0.50;
    static final double P_90 = 0.90;

    private EstimateMath() {
    }

    /** Days until the {@code items}-th completion at {@code perDay} completions a day, at cumulative probability p. */
    public static double gammaDays(int items, double perDay, double p) {
        if (items <= 0) {
            return 0;
        }
        return new GammaDistribution(items, 1.0 / perDay).inverseCumulativeProbability(p);
    }

    /** The 10th, 50th and 90th percentile of the days until a device with {@code ahead} devices before it is done. */
    public static double[] queueDays(int ahead, double perDay) {
        GammaDistribution wait = new GammaDistribution(ahead + 1, 1.0 / perDay);
        return new double[]{wait.inverseCumulativeProbability(P_10), wait.inverseCumulativeProbability(P_50),
                wait.inverseCumulativeProbability(P_90)};
    }
}
