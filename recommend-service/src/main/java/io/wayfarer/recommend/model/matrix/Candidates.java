package io.wayfarer.recommend.model.matrix;

import java.util.Set;

/** Which items may not be recommended to a user: what the user already has in the matrix and what the caller excludes. */
public final class Candidates {

    private Candidates() {
    }

    /** @param user dense index, or -1 for a user the matrix does not know */
    public static boolean[] blocked(PreferenceMatrix matrix, int user, Set<String> exclude) {
        boolean[] blocked = new boolean[matrix.items()];
        if (user >= 0) {
            SparseRows rows = matrix.byUser();
            for (int p = rows.start()[user]; p < rows.start()[user + 1]; p++) {
                blocked[rows.index()[p]] = true;
            }
        }
        for (String item : exclude) {
            int i = matrix.item(item);
            if (i >= 0) {
                blocked[i] = true;
            }
        }
        return blocked;
    }

    /** The best {@code limit} items with a positive score that are not blocked, best first. */
    public static int[] best(double[] score, boolean[] blocked, int limit, double[] scoresOut) {
        TopK top = new TopK(limit);
        for (int i = 0; i < score.length; i++) {
            if (score[i] > 0 && !blocked[i]) {
                top.offer(i, score[i]);
            }
        }
        return top.indicesBestFirst(scoresOut);
    }

    /** {@link #best(double[], boolean[], int, double[])} for float scores. */
    public static int[] best(float[] score, boolean[] blocked, int limit, double[] scoresOut) {
        TopK top = new TopK(limit);
        for (int i = 0; i < score.length; i++) {
            if (score[i] > 0 && !blocked[i]) {
                top.offer(i, score[i]);
            }
        }
        return top.indicesBestFirst(scoresOut);
    }
}
