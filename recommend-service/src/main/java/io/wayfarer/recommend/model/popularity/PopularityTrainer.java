package io.wayfarer.recommend.model.popularity;

import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainingData;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;

/** Most-liked items first: the cold-start answer for users and the fallback when a model has no evidence. */
public final class PopularityTrainer implements Trainer {

    @Override
    public String name() {
        return PopularityModel.KIND;
    }

    @Override
    public TrainedModel train(TrainingData data, ProgressListener listener) {
        PopularityModel model = new PopularityModel(PreferenceMatrix.of(data.preferences()));
        listener.progress(1.0);
        return model;
    }
}
