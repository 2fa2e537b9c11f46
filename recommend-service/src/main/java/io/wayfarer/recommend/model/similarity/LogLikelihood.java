package io.wayfarer.recommend.model.similarity;

/** Dunning's G² statistic of a 2×2 contingency table (Accurate Methods for the Statistics of Surprise, 1993). */
final class LogLikelihood {

    private LogLikelihood() {
    }

    /** k11 both, k12 only a, k21 only b, k22 neither. */
    static double ratio(long k11, long k12, long k21, long k22) {
        double rowEntropy = entropy(k11 + k12, k21 + k22);
        double columnEntropy = entropy(k11 + k21, k12 + k22);
        double matrixEntropy = entropy(k11, k12, k21, k22);
        if (rowEntropy + columnEntropy < matrixEntropy) {
            return 0; // rounding
        }
        return 2.0 * (rowEntropy + columnEntropy - matrixEntropy);
    }

    private static double entropy(long... counts) {
        long sum = 0;
        double parts = 0;
        for (long c : counts) {
            parts += xLogX(c);
            sum += c;
        }
        return xLogX(sum) - parts;
    }

    private static double xLogX(long x) {
        return x == 0 ? 0 : x * Math.log(x);
    }
}
