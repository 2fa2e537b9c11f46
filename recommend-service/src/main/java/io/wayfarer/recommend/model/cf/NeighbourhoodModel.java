package io.wayfarer.recommend.model.cf;

import io.wayfarer.recommend.model.ModelFormat;
import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.rating.RatingPredictor;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalDouble;

/** What user-based and item-based models share: the preferences, the precomputed neighbours, the rating part. */
abstract sealed class NeighbourhoodModel implements TrainedModel permits UserBasedModel, ItemBasedModel {

    private final String kind;
    private final String name;
    final PreferenceMatrix preferences;
    final Neighbours neighbours;
    private final RatingPredictor ratings;

    NeighbourhoodModel(String kind, String name, PreferenceMatrix preferences, Neighbours neighbours,
            RatingPredictor ratings) {
        this.kind = kind;
        this.name = name;
        this.preferences = preferences;
        this.neighbours = neighbours;
        this.ratings = ratings;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final OptionalDouble predictRating(String user, String item) {
        return ratings.predict(user, item);
    }

    @Override
    public final void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        ModelFormat.writeHeader(out, kind, name);
        preferences.writeTo(out);
        neighbours.writeTo(out);
        ratings.writeTo(out);
        out.flush();
    }
}
