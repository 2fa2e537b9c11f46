package io.wayfarer.recommend.model.eval;

import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One of our trainers, fed the training ratings both as preference scores (for ranking) and as explicit
 * ratings (for prediction) — a rating file has nothing else.
 */
public record ModelRecommender(Trainer trainer) implements Recommender {

    @Override
    public String name() {
        return trainer.name();
    }

    @Override
    public String family() {
        return "ours";
    }

    @Override
    public Built build(List<Rating> train) {
        List<Preference> preferences = new ArrayList<>(train.size());
        for (Rating r : train) {
            preferences.add(new Preference(r.user(), r.item(), r.value()));
        }
        TrainedModel model = trainer.train(new TrainingData(preferences, preferences), Trainer.ProgressListener.NONE);
        return new Built() {
            @Override
            public List<String> top(String user, int n) {
                return model.recommend(user, n, Set.of()).stream().map(Recommendation::item).toList();
            }

            @Override
            public double predict(String user, String item) {
                return model.predictRating(user, item).orElse(Double.NaN);
            }
        };
    }
}
