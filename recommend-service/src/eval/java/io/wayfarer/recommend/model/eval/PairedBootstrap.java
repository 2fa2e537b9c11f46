package io.wayfarer.recommend.model.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Paired bootstrap over users: resample the evaluated users with replacement (seeded), recompute both systems'
 * mean nDCG on the same resample, and report the 2.5th and 97.5th percentiles of the difference and of the
 * ratio. A difference whose interval excludes 0 is unlikely to be luck of the split.
 */
public final class PairedBootstrap {

    private PairedBootstrap() {
    }

    /** {mean difference, low, high, mean ratio, low, high} of a − b over {@code rounds} resamples. */
    public static double[] compare(double[] a, double[] b, int rounds, long seed) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("need two non-empty, paired samples");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int n = a.length;
        double[] differences = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            double sa = 0;
            double sb = 0;
            for (int i = 0; i < n; i++) {
                int pick = random.nextInt(n);
                sa += a[pick];
                sb += b[pick];
            }
            differences[round] = (sa - sb) / n;
            ratios[round] = sb == 0 ? Double.POSITIVE_INFINITY : sa / sb;
        }
        Arrays.sort(differences);
        Arrays.sort(ratios);
        double ma = Arrays.stream(a).sum() / n;
        double mb = Arrays.stream(b).sum() / n;
        return new double[] {ma - mb, quantile(differences, 0.025), quantile(differences, 0.975),
                mb == 0 ? Double.POSITIVE_INFINITY : ma / mb, quantile(ratios, 0.025), quantile(ratios, 0.975)};
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
    }
}
