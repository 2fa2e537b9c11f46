package io.wayfarer.recommend.model.similarity;

import java.util.Arrays;
import java.util.Locale;

/**
 * How alike two preference vectors are, computed from sums over their co-rated coordinates (and, for cosine and
 * log-likelihood, from the whole vectors). Larger = more alike. Two vectors with no co-rated coordinate have no
 * evidence of likeness: every measure gives 0 and such pairs are never neighbours (the original sketch's
 * "no overlap = distance 0 = similarity 1" bug).
 */
public enum Similarity {

    /** 1 / (1 + d), d = Euclidean distance over the co-rated coordinates (the requirements' measure). */
    EUCLIDEAN("euclidean"),
    /** Pearson correlation over the co-rated coordinates; needs two of them and some variance on both sides. */
    PEARSON("pearson"),
    /** Cosine of the angle between the whole vectors (missing = 0): the usual measure for implicit scores. */
    COSINE("cosine"),
    /**
     * Dunning's log-likelihood ratio of co-occurrence counts, as 1 - 1/(1+LLR): made for implicit data. Only
     * co-occurrence above chance counts (Mahout also rewards pairs seen together less often than chance).
     */
    LOG_LIKELIHOOD("loglikelihood");

    private final String id;

    Similarity(String id) {
        this.id = id;
    }

    /** The name used in trainer names, e.g. {@code euclidean}. */
    public String id() {
        return id;
    }

    public static Similarity byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown similarity: " + id));
    }

    /**
     * @param n        co-rated coordinates
     * @param sx       sum of a's values over them (sy, sxx, syy, sxy likewise)
     * @param normA    Euclidean norm of the whole vector a (normB likewise)
     * @param countA   non-empty coordinates of a (countB likewise)
     * @param total    number of coordinates (e.g. users, for item vectors)
     */
    public double of(int n, double sx, double sy, double sxx, double syy, double sxy,
            double normA, double normB, int countA, int countB, int total) {
        if (n == 0) {
            return 0;
        }
        return switch (this) {
            case EUCLIDEAN -> 1.0 / (1.0 + Math.sqrt(Math.max(0, sxx + syy - 2 * sxy)));
            case PEARSON -> pearson(n, sx, sy, sxx, syy, sxy);
            case COSINE -> normA == 0 || normB == 0 ? 0 : sxy / (normA * normB);
            case LOG_LIKELIHOOD -> {
                if ((double) n * total <= (double) countA * countB) {
                    yield 0; // together no more often than chance: G² measures surprise both ways, keep only this way
                }
                double llr = LogLikelihood.ratio(n, countA - n, countB - n, total - countA - countB + n);
                yield 1.0 - 1.0 / (1.0 + llr);
            }
        };
    }

    private static double pearson(int n, double sx, double sy, double sxx, double syy, double sxy) {
        if (n < 2) {
            return 0;
        }
        double varX = sxx - sx * sx / n;
        double varY = syy - sy * sy / n;
        if (varX <= 1e-12 || varY <= 1e-12) {
            return 0;
        }
        double r = (sxy - sx * sy / n) / Math.sqrt(varX * varY);
        return Math.max(-1, Math.min(1, r));
    }
}
