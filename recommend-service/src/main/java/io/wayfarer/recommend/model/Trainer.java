package io.wayfarer.recommend.model;

/**
 * Builds one kind of model (user-based CF with a similarity, item-based CF, EASE, popularity, ...). Training may
 * use every core; it reports progress in [0, 1] and must not touch shared state: the result is swapped in by the
 * caller.
 */
public interface Trainer {

    /** Stable name, e.g. {@code "user-cf/euclidean/k=50"}; stored with a persisted model. */
    String name();

    TrainedModel train(TrainingData data, ProgressListener progress);

    @FunctionalInterface
    interface ProgressListener {

        ProgressListener NONE = fraction -> { };

        void progress(double fraction);
    }
}
