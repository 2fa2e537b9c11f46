package io.wayfarer.recommend.model.ease;

import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainingData;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.Progress;
import io.wayfarer.recommend.model.matrix.SparseRows;
import io.wayfarer.recommend.model.rating.RatingPredictor;
import io.wayfarer.recommend.model.similarity.Similarity;
import java.util.stream.IntStream;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-item weights B that
 * best rebuild the user × item preference matrix X from itself with a zero diagonal, in closed form:
 * P = (XᵀX + λI)⁻¹, B_ij = −P_ij / P_jj, B_ii = 0. X holds the preference values, not 0/1: on the validation
 * split a 5-star purchase should weigh more than a 1-star glance (docs/recommendations.md). The ridge λ is
 * given as a multiple of the mean diagonal of XᵀX, so one setting fits any scale of preference scores (ratings
 * 1–5, behaviour scores). One n×n inverse (n = items): fits a catalogue of a few thousand trips (n = 2,000 → 16 MB of
 * weights), not a catalogue of a hundred thousand. Rating prediction, which EASE does not do, is item-based neighbours with baseline terms
 * (Pearson, shrunk).
 */
public final class EaseTrainer implements Trainer {

    /** 10,000 items: 400 MB of weights plus as much while training; beyond that use item-cf. */
    static final int MAX_ITEMS = 10_000;
    static final int RATING_NEIGHBOURS = 30;
    static final double RATING_SHRINK = 100;

    private final double lambda;

    public EaseTrainer(double lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lambda must be > 0");
        }
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite");
        }
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return EaseModel.KIND + "/lambda=" + (lambda == Math.rint(lambda) ? Long.toString((long) lambda)
                : Double.toString(lambda));
    }

    @Override
    public TrainedModel train(TrainingData data, ProgressListener listener) {
        PreferenceMatrix preferences = PreferenceMatrix.of(data.preferences());
        int n = preferences.items();
        if (n > MAX_ITEMS) {
            throw new IllegalStateException("EASE needs an n×n matrix: " + n + " items is over " + MAX_ITEMS
                    + "; train an item-cf model instead");
        }
        float[][] gram = gram(preferences);
        double diagonal = 0;
        for (int i = 0; i < n; i++) {
            diagonal += gram[i][i];
        }
        float ridge = (float) (lambda * Math.max(diagonal / Math.max(1, n), 1e-9));
        for (int i = 0; i < n; i++) {
            gram[i][i] += ridge;
        }
        listener.progress(0.05);
        SymmetricInverse.invert(gram, new Progress(listener, 0.05, 0.85, n));
        float[] weights = new float[n * n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0f : (float) (-gram[i][j] / gram[j][j]);
            }
        });
        RatingPredictor ratings = RatingPredictor.train(data.ratings(), Similarity.PEARSON, RATING_SHRINK, true,
                RATING_NEIGHBOURS, listener, 0.85, 1.0);
        listener.progress(1.0);
        return new EaseModel(name(), preferences, weights, ratings);
    }

    /** XᵀX: preference-weighted co-occurrence, one item row per task. */
    private static float[][] gram(PreferenceMatrix preferences) {
        int n = preferences.items();
        SparseRows byUser = preferences.byUser();
        SparseRows byItem = preferences.byItem();
        float[][] gram = new float[n][];
        IntStream.range(0, n).parallel().forEach(a -> {
            float[] row = new float[n];
            for (int p = byItem.start()[a]; p < byItem.start()[a + 1]; p++) {
                int u = byItem.index()[p];
                double x = byItem.value()[p];
                for (int q = byUser.start()[u]; q < byUser.start()[u + 1]; q++) {
                    row[byUser.index()[q]] += (float) (x * byUser.value()[q]);
                }
            }
            gram[a] = row;
        });
        return gram;
    }
}
