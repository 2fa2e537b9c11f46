package io.wayfarer.recommend.model;

import io.wayfarer.recommend.model.synthetic.TravelBehaviour;
import java.util.ArrayList;
import java.util.List;

/** A small seeded travel data set for the model tests (200 travellers, 120 trips). */
final class TravelData {

    private TravelData() {
    }

    static TrainingData small() {
        List<Preference> preferences = new ArrayList<>();
        for (int[] r : TravelBehaviour.ratings(new TravelBehaviour(7, 200, 120, 25).events())) {
            preferences.add(new Preference("u" + r[0], "trip-" + r[1], r[2]));
        }
        return new TrainingData(preferences, preferences);
    }

    static List<String> users(TrainingData data) {
        return data.preferences().stream().map(Preference::user).distinct().sorted().toList();
    }

    static List<String> items(TrainingData data) {
        return data.preferences().stream().map(Preference::item).distinct().sorted().toList();
    }
}
