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
 * Item-based CF. Top-N: score(i) = Σ over the user's items j that have i among their k neighbours of
 * sim(j, i) · pref(u, j). The explanation is the user's items that contributed most.
 */
public final class ItemBasedModel extends NeighbourhoodModel {

    public static final String KIND = "item-cf";

    ItemBasedModel(String name, PreferenceMatrix preferences, Neighbours neighbours, RatingPredictor ratings) {
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
        int[] nStart = neighbours.start();
        int[] nId = neighbours.id();
        float[] nSim = neighbours.similarity();
        double[] score = new double[preferences.items()];
        for (int p = rows.start()[u]; p < rows.start()[u + 1]; p++) {
            int j = rows.index()[p];
            double pref = rows.value()[p];
            for (int q = nStart[j]; q < nStart[j + 1]; q++) {
                score[nId[q]] += nSim[q] * pref;
            }
        }
        double[] best = new double[limit];
        int[] items = Candidates.best(score, blocked, limit, best);
        int[] resultOf = new int[preferences.items()];
        for (int r = 0; r < items.length; r++) {
            resultOf[items[r]] = r + 1;
        }
        Evidence evidence = new Evidence(items.length);
        for (int p = rows.start()[u]; p < rows.start()[u + 1]; p++) {
            int j = rows.index()[p];
            for (int q = nStart[j]; q < nStart[j + 1]; q++) {
                int r = resultOf[nId[q]];
                if (r > 0) {
                    evidence.add(r - 1, j, nSim[q] * rows.value()[p]);
                }
            }
        }
        return evidence.withItemSources(preferences, items, best);
    }

    @Override
    public List<Recommendation> similarItems(String item, int limit) {
        int i = preferences.item(item);
        if (i < 0 || limit <= 0) {
            return List.of();
        }
        List<Recommendation> out = new ArrayList<>();
        for (int p = neighbours.start()[i]; p < neighbours.start()[i + 1] && out.size() < limit; p++) {
            out.add(new Recommendation(preferences.itemId(neighbours.id()[p]), neighbours.similarity()[p],
                    List.of(item)));
        }
        return out;
    }

    public static ItemBasedModel read(String name, DataInputStream in) throws IOException {
        return new ItemBasedModel(name, PreferenceMatrix.read(in), Neighbours.read(in), RatingPredictor.read(in));
    }
}
