package io.wayfarer.recommend.model.rating;

import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.Trainer.ProgressListener;
import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.Progress;
import io.wayfarer.recommend.model.matrix.SparseRows;
import io.wayfarer.recommend.model.similarity.NeighbourSearch;
import io.wayfarer.recommend.model.similarity.Similarity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Explicit-rating prediction by neighbours with baseline terms:
 * r̂_ui = b_ui + Σ_j s_ij (r_uj − b_uj) / Σ_j s_ij over the (at most k) most similar items j that u rated
 * (item side), or the most similar users v that rated i (user side). Without such a neighbour it is b_ui.
 * Predictions are clamped to the rating scale seen in training. Unknown user or item: no prediction.
 */
public final class RatingPredictor {

    /** Neighbour lists kept per entity; a prediction uses the first k of them that rated / were rated. */
    private static final int STORED_NEIGHBOURS = 100;

    private final PreferenceMatrix ratings;
    private final Baseline baseline;
    private final Neighbours neighbours;
    private final boolean itemSide;
    private final int k;
    private final double min;
    private final double max;

    private RatingPredictor(PreferenceMatrix ratings, Baseline baseline, Neighbours neighbours, boolean itemSide,
            int k, double min, double max) {
        this.ratings = ratings;
        this.baseline = baseline;
        this.neighbours = neighbours;
        this.itemSide = itemSide;
        this.k = k;
        this.min = min;
        this.max = max;
    }

    public static RatingPredictor train(List<Preference> explicit, Similarity similarity, double shrink,
            boolean itemSide, int k, ProgressListener listener, double from, double to) {
        PreferenceMatrix ratings = PreferenceMatrix.of(explicit);
        Progress progress = new Progress(listener, from, to, itemSide ? ratings.items() : ratings.users());
        Baseline baseline = Baseline.fit(ratings.byUser(), ratings.byItem());
        NeighbourSearch search = new NeighbourSearch(similarity, shrink, Math.max(k, STORED_NEIGHBOURS));
        Neighbours neighbours = itemSide
                ? search.topK(ratings.byItem(), ratings.byUser(), progress)
                : search.topK(ratings.byUser(), ratings.byItem(), progress);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : ratings.byUser().value()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new RatingPredictor(ratings, baseline, neighbours, itemSide, k, min, max);
    }

    public OptionalDouble predict(String user, String item) {
        int u = ratings.user(user);
        int i = ratings.item(item);
        if (u < 0 || i < 0) {
            return OptionalDouble.empty();
        }
        double weighted = 0;
        double weights = 0;
        int used = 0;
        int entity = itemSide ? i : u;
        SparseRows lookup = itemSide ? ratings.byUser() : ratings.byItem();
        int row = itemSide ? u : i;
        for (int p = neighbours.start()[entity]; p < neighbours.start()[entity + 1] && used < k; p++) {
            int other = neighbours.id()[p];
            double r = lookup.get(row, other);
            if (Double.isNaN(r)) {
                continue;
            }
            double s = neighbours.similarity()[p];
            double base = itemSide ? baseline.estimate(u, other) : baseline.estimate(other, i);
            weighted += s * (r - base);
            weights += s;
            used++;
        }
        double estimate = baseline.estimate(u, i) + (weights > 0 ? weighted / weights : 0);
        return OptionalDouble.of(Math.max(min, Math.min(max, estimate)));
    }

    public void writeTo(DataOutputStream out) throws IOException {
        ratings.writeTo(out);
        baseline.writeTo(out);
        neighbours.writeTo(out);
        out.writeBoolean(itemSide);
        out.writeInt(k);
        out.writeDouble(min);
        out.writeDouble(max);
    }

    public static RatingPredictor read(DataInputStream in) throws IOException {
        return new RatingPredictor(PreferenceMatrix.read(in), Baseline.read(in), Neighbours.read(in),
                in.readBoolean(), in.readInt(), in.readDouble(), in.readDouble());
    }
}
