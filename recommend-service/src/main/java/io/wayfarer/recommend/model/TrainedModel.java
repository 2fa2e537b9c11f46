package io.wayfarer.recommend.model;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * An immutable trained model, safe to read from many threads while a newer one is being trained. A model that
 * cannot answer (unknown user, no evidence) returns an empty list / empty optional; the caller falls back to
 * popularity. Never returns an item in {@code exclude}.
 */
public interface TrainedModel {

    /** The {@link Trainer#name()} that built it. */
    String name();

    /** Top-{@code limit} items for {@code user}, best first. */
    List<Recommendation> recommend(String user, int limit, Set<String> exclude);

    /** Items most similar to {@code item}, best first (item-based view; may be empty for user-only models). */
    List<Recommendation> similarItems(String item, int limit);

    /** Predicted explicit rating of {@code item} by {@code user}, if the model predicts ratings. */
    OptionalDouble predictRating(String user, String item);

    /** Writes this model so {@link ModelCodec#read} gives back an equal-answering model (survives a restart). */
    void writeTo(OutputStream out) throws IOException;
}
