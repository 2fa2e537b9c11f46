package io.wayfarer.recommend.model.popularity;

import io.wayfarer.recommend.model.ModelFormat;
import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.model.TrainedModel;
import io.wayfarer.recommend.model.matrix.Candidates;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.SparseRows;
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
 * Items ranked by how many users have them (ties: by summed preference). Answers unknown users too, since it
 * needs nothing about them; a known user does not get back what they already have.
 */
public final class PopularityModel implements TrainedModel {

    public static final String KIND = "popularity";

    private final PreferenceMatrix preferences;
    private final double[] popularity;

    PopularityModel(PreferenceMatrix preferences) {
        this.preferences = preferences;
        SparseRows byItem = preferences.byItem();
        double total = 0;
        for (double v : byItem.value()) {
            total += Math.abs(v);
        }
        double tieBreak = 1.0 / (1.0 + total);
        this.popularity = new double[preferences.items()];
        for (int i = 0; i < popularity.length; i++) {
            double sum = 0;
            for (int p = byItem.start()[i]; p < byItem.start()[i + 1]; p++) {
                sum += Math.max(0, byItem.value()[p]);
            }
            popularity[i] = byItem.length(i) + sum * tieBreak;
        }
    }

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public List<Recommendation> recommend(String user, int limit, Set<String> exclude) {
        if (limit <= 0) {
            return List.of();
        }
        boolean[] blocked = Candidates.blocked(preferences, preferences.user(user), exclude);
        double[] scores = new double[limit];
        int[] items = Candidates.best(popularity, blocked, limit, scores);
        List<Recommendation> out = new ArrayList<>(items.length);
        for (int r = 0; r < items.length; r++) {
            out.add(new Recommendation(preferences.itemId(items[r]), scores[r], List.of()));
        }
        return out;
    }

    @Override
    public List<Recommendation> similarItems(String item, int limit) {
        return List.of();
    }

    @Override
    public OptionalDouble predictRating(String user, String item) {
        return OptionalDouble.empty();
    }

    @Override
    public void writeTo(OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream));
        ModelFormat.writeHeader(out, KIND, KIND);
        preferences.writeTo(out);
        out.flush();
    }

    public static PopularityModel read(DataInputStream in) throws IOException {
        return new PopularityModel(PreferenceMatrix.read(in));
    }
}
