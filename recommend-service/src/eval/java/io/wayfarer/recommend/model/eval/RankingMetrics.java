package io.wayfarer.recommend.model.eval;

import java.util.List;
import java.util.Set;

/**
 * Top-k metrics of one ranked list against the set of relevant items (binary relevance). Conventions:
 * nDCG@k = DCG / ideal DCG with gain 1/log2(rank+1) and the ideal list holding min(|relevant|, k) hits;
 * P@k = hits / k (a shorter list is not rewarded); R@k = hits / |relevant|;
 * AP@k = Σ over hit ranks r ≤ k of P@r, divided by min(|relevant|, k); HR@k = 1 if any hit.
 * All are 0 when nothing is relevant.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.size()); r++) {
            if (relevant.contains(ranked.get(r))) {
                dcg += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevant.size()); r++) {
            ideal += 1 / log2(r + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double precision(List<String> ranked, Set<String> relevant, int k) {
        return (double) hits(ranked, relevant, k) / k;
    }

    public static double recall(List<String> ranked, Set<String> relevant, int k) {
        return relevant.isEmpty() ? 0 : (double) hits(ranked, relevant, k) / relevant.size();
    }

    public static double averagePrecision(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            return 0;
        }
        double sum = 0;
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.size()); r++) {
            if (relevant.contains(ranked.get(r))) {
                hits++;
                sum += (double) hits / (r + 1);
            }
        }
        return sum / Math.min(relevant.size(), k);
    }

    public static double hit(List<String> ranked, Set<String> relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    private static int hits(List<String> ranked, Set<String> relevant, int k) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.size()); r++) {
            if (relevant.contains(ranked.get(r))) {
                hits++;
            }
        }
        return hits;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
