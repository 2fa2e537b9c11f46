package io.wayfarer.recommend.model.ease;

import io.wayfarer.recommend.model.ModelFormat;
import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.matrix.BinaryStreams;
import io.wayfarer.recommend.model.matrix.Candidates;
import io.wayfarer.recommend.model.matrix.Evidence;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.SparseRows;
import io.wayfarer.recommend.model.matrix.TopK;
import io.wayfarer.recommend.model.rating.RatingPredictor;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A trained EASE model: score(u, j) = Σ over the user's items i of x_ui · B_ij — one dense row per item the
 * user has, weighted and summed. The explanation is the user's items with the largest x_ui · B_ij.
 */
public final class EaseModel implements TrainedModel {

    public static final String KIND = "ease";

    private final String name;
    private final PreferenceMatrix preferences;
    private final float[] weights;
    private final RatingPredictor ratings;

    EaseModel(String name, PreferenceMatrix preferences, float[] weights, RatingPredictor ratings) {
        this.name = name;
        this.preferences = preferences;
        this.weights = weights;
        this.ratings = ratings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Recommendation> recommend(String user, int limit, Set<String> exclude) {
        int u = preferences.user(user);
        if (u < 0 || limit <= 0) {
            return List.of();
        }
        int n = preferences.items();
        SparseRows rows = preferences.byUser();
        float[] score = new float[n];
        for (int p = rows.start()[u]; p < rows.start()[u + 1]; p++) {
            int offset = rows.index()[p] * n;
            float x = (float) rows.value()[p];
            for (int j = 0; j < n; j++) {
                score[j] += x * weights[offset + j];
            }
        }
        double[] best = new double[limit];
        int[] items = Candidates.best(score, Candidates.blocked(preferences, u, exclude), limit, best);
        Evidence evidence = new Evidence(items.length);
        for (int p = rows.start()[u]; p < rows.start()[u + 1]; p++) {
            int i = rows.index()[p];
            for (int r = 0; r < items.length; r++) {
                evidence.add(r, i, rows.value()[p] * weights[i * n + items[r]]);
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
        int n = preferences.items();
        TopK top = new TopK(limit);
        for (int j = 0; j < n; j++) {
            if (j != i && weights[i * n + j] > 0) {
                top.offer(j, weights[i * n + j]);
            }
        }
        double[] scores = new double[top.size()];
        int[] items = top.indicesBestFirst(scores);
        List<Recommendation> out = new ArrayList<>(items.length);
        for (int r = 0; r < items.length; r++) {
            out.add(new Recommendation(preferences.itemId(items[r]), scores[r], List.of(item)));
        }
        return out;
    }

    @Override
    public OptionalDouble predictRating(String user, String item) {
        return ratings.predict(user, item);
    }

    @Override
    public void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        ModelFormat.writeHeader(out, KIND, name);
        preferences.writeTo(out);
        BinaryStreams.writeFloats(out, weights);
        ratings.writeTo(out);
        out.flush();
    }

    public static EaseModel read(String name, DataInputStream in) throws IOException {
        PreferenceMatrix preferences = PreferenceMatrix.read(in);
        float[] weights = BinaryStreams.readFloats(in);
        if (weights.length != preferences.items() * preferences.items()) {
            throw new IOException("corrupt EASE model: " + weights.length + " weights for "
                    + preferences.items() + " items");
        }
        return new EaseModel(name, preferences, weights, RatingPredictor.read(in));
    }
}
