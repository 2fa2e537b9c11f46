package io.wayfarer.recommend.model.cf;

import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainingData;
import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.Progress;
import io.wayfarer.recommend.model.rating.RatingPredictor;
import io.wayfarer.recommend.model.similarity.NeighbourSearch;

/** "People like you": the k most similar users, precomputed for every user on all cores. */
public final class UserBasedTrainer implements Trainer {

    private final NeighbourConfig config;

    public UserBasedTrainer(NeighbourConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return config.name(UserBasedModel.KIND);
    }

    @Override
    public TrainedModel train(TrainingData data, ProgressListener listener) {
        PreferenceMatrix preferences = PreferenceMatrix.of(data.preferences());
        Neighbours neighbours = new NeighbourSearch(config.similarity(), config.shrink(), config.k())
                .topK(preferences.byUser(), preferences.byItem(),
                        new Progress(listener, 0, 0.6, preferences.users()));
        RatingPredictor ratings = RatingPredictor.train(data.ratings(), config.similarity(), config.shrink(),
                false, config.k(), listener, 0.6, 1.0);
        listener.progress(1.0);
        return new UserBasedModel(name(), preferences, neighbours, ratings);
    }
}
