package dev.custody.projections.queue;

/**
 * The arithmetic of the expected return date, kept apart so it can be tested against answers known in advance.
 * <p>
 * A lab that completes examinations at a steady rate of {@code λ} a day clears the {@code k} devices ahead of one
 * device, and then that device, after a time that is the sum of {@code k+1} exponential gaps: a Gamma(k+1, λ)
 * distribution. Its quantiles come from the chi-square distribution with {@code 2(k+1)} degrees of freedom
 * ({@code X = χ²/(2λ)}), for which the Wilson-Hilferty approximation is accurate to well under a day here.
 */
public final class EstimateMath {

    /** The standard normal quantiles used for the range: the 10th and 90th percentiles. */
    static final double Z_10 = -1.2815515655446004;
    static final double Z_90 = 1.2815515655446004;

    private EstimateMath() {
    }

    /** Days until the {@code items}-th completion at {@code perDay} completions a day, at the normal quantile z. */
    public static double gammaDays(int items, double perDay, double z) {
        if (items <= 0) {
            return 0;
        }
        double nu = 2.0 * items;
        double a = 2.0 / (9.0 * nu);
        double chi = nu * Math.pow(Math.max(0, 1 - a + z * Math.sqrt(a)), 3);
        return chi / (2.0 * perDay);
    }

    /** The 10th, 50th and 90th percentile of the days until a device with {@code ahead} devices before it is done. */
    public static double[] queueDays(int ahead, double perDay) {
        int items = ahead + 1;
        return new double[]{gammaDays(items, perDay, Z_10), gammaDays(items, perDay, 0), gammaDays(items, perDay, Z_90)};
    }
}
