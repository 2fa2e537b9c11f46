package io.wayfarer.recommend.model.matrix;

import io.wayfarer.recommend.model.Recommendation;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects, for each of a few recommended items, which sources (items the user liked, or neighbours)
 * contributed how much to its score, and gives back the strongest sources first — the "because" of a
 * recommendation.
 */
public final class Evidence {

    public static final int MAX = 3;

    private final int[][] source;
    private final double[][] weight;

    public Evidence(int results) {
        source = new int[results][MAX];
        weight = new double[results][MAX];
        for (double[] w : weight) {
            java.util.Arrays.fill(w, Double.NEGATIVE_INFINITY);
        }
    }

    public void add(int result, int from, double contribution) {
        double[] w = weight[result];
        int[] s = source[result];
        if (contribution <= w[MAX - 1]) {
            return;
        }
        int at = MAX - 1;
        while (at > 0 && contribution > w[at - 1]) {
            w[at] = w[at - 1];
            s[at] = s[at - 1];
            at--;
        }
        w[at] = contribution;
        s[at] = from;
    }

    /** The sources of {@code result}, strongest first. */
    public List<Integer> sources(int result) {
        List<Integer> out = new ArrayList<>(MAX);
        for (int k = 0; k < MAX && weight[result][k] > 0; k++) {
            out.add(source[result][k]);
        }
        return out;
    }

    /** The recommendations of {@code items} (dense indices) with their scores, when the sources are items. */
    public List<Recommendation> withItemSources(PreferenceMatrix matrix, int[] items, double[] scores) {
        List<Recommendation> out = new ArrayList<>(items.length);
        for (int r = 0; r < items.length; r++) {
            List<String> because = sources(r).stream().map(matrix::itemId).toList();
            out.add(new Recommendation(matrix.itemId(items[r]), scores[r], because));
        }
        return out;
    }
}
