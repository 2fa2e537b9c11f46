package io.wayfarer.recommend.model;

import java.util.List;

/**
 * What a {@link Trainer} learns from: implicit preference scores (behaviour turned into numbers, decayed and
 * capped) and, separately, explicit 1-5 ratings for rating prediction. Either list may be empty.
 */
public record TrainingData(List<Preference> preferences, List<Preference> ratings) {

    public TrainingData {
        preferences = List.copyOf(preferences);
        ratings = List.copyOf(ratings);
    }
}
