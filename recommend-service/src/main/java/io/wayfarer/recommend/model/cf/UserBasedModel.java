package io.wayfarer.recommend.model.cf;

import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.model.matrix.Candidates;
import io.wayfarer.recommend.model.matrix.Evidence;
import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.SparseRows;
import io.wayfarer.recommend.model.rating.RatingPredictor;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * User-based CF. Top-N: score(i) = Σ over the user's k neighbours v that have i of sim(u, v) · pref(v, i) —
 * summed similarity, weighted by how much the neighbour liked the item. The explanation is the items the user
 * shares with the neighbour who contributed most, the user's favourite first.
 */
public final class UserBasedModel extends NeighbourhoodModel {

    public static final String KIND = "user-cf";

    UserBasedModel(String name, PreferenceMatrix preferences, Neighbours neighbours, RatingPredictor ratings) {
        super(KIND, name, preferences, neighbours, ratings);
    }

    @Override
    public List<Recommendation> recommend(String user, int limit, Set<String> exclude) {
        int u = preferences.user(user);
        if (u < 0 || limit <= 0) {
            return List.of();
        }
        boolean[] blocked = Candidates.blocked(preferences, u, exclude);
        SparseRows rows = preferences.byUser();
        double[] score = new double[preferences.items()];
        for (int p = neighbours.start()[u]; p < neighbours.start()[u + 1]; p++) {
            int v = neighbours.id()[p];
            double s = neighbours.similarity()[p];
            for (int q = rows.start()[v]; q < rows.start()[v + 1]; q++) {
                score[rows.index()[q]] += s * rows.value()[q];
            }
        }
        double[] best = new double[limit];
        int[] items = Candidates.best(score, blocked, limit, best);
        Evidence evidence = new Evidence(items.length);
        for (int r = 0; r < items.length; r++) {
            for (int p = neighbours.start()[u]; p < neighbours.start()[u + 1]; p++) {
                int v = neighbours.id()[p];
                double pref = rows.get(v, items[r]);
                if (!Double.isNaN(pref)) {
                    evidence.add(r, v, neighbours.similarity()[p] * pref);
                }
            }
        }
        List<Recommendation> out = new ArrayList<>(items.length);
        for (int r = 0; r < items.length; r++) {
            List<Integer> from = evidence.sources(r);
            List<String> because = from.isEmpty() ? List.of() : sharedFavourites(u, from.get(0));
            out.add(new Recommendation(preferences.itemId(items[r]), best[r], because));
        }
        return out;
    }

    /** Items both users have, ordered by how much {@code u} likes them. */
    private List<String> sharedFavourites(int u, int v) {
        SparseRows rows = preferences.byUser();
        List<int[]> shared = new ArrayList<>();
        int p = rows.start()[u];
        int q = rows.start()[v];
        while (p < rows.start()[u + 1] && q < rows.start()[v + 1]) {
            int a = rows.index()[p];
            int b = rows.index()[q];
            if (a == b) {
                shared.add(new int[] {a, p});
            }
            if (a <= b) {
                p++;
            }
            if (b <= a) {
                q++;
            }
        }
        shared.sort((x, y) -> Double.compare(rows.value()[y[1]], rows.value()[x[1]]));
        return shared.stream().limit(Evidence.MAX).map(x -> preferences.itemId(x[0])).toList();
    }

    @Override
    public List<Recommendation> similarItems(String item, int limit) {
        return List.of();
    }

    public static UserBasedModel read(String name, DataInputStream in) throws IOException {
        return new UserBasedModel(name, PreferenceMatrix.read(in), Neighbours.read(in), RatingPredictor.read(in));
    }
}
