package io.wayfarer.recommend.model.cf;

import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainingData;
import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.Progress;
import io.wayfarer.recommend.model.rating.RatingPredictor;
import io.wayfarer.recommend.model.similarity.NeighbourSearch;

/** "Trips often liked together": the k most similar items of every item, precomputed on all cores. */
public final class ItemBasedTrainer implements Trainer {

    private final NeighbourConfig config;

    public ItemBasedTrainer(NeighbourConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.name(ItemBasedModel.KIND);
    }

    @Override
    public TrainedModel train(TrainingData data, ProgressListener listener) {
        PreferenceMatrix preferences = PreferenceMatrix.of(data.preferences());
        Neighbours neighbours = new NeighbourSearch(config.similarity(), config.shrink(), config.k())
                .topK(preferences.byItem(), preferences.byUser(),
                        new Progress(listener, 0, 0.6, preferences.items()));
        RatingPredictor ratings = RatingPredictor.train(data.ratings(), config.similarity(), config.shrink(),
                true, config.k(), listener, 0.6, 1.0);
        listener.progress(1.0);
        return new ItemBasedModel(name(), preferences, neighbours, ratings);
    }
}
