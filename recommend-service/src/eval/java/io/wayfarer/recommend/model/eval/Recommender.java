package io.wayfarer.recommend.model.eval;

import java.util.List;

/** A system under evaluation: ours or Mahout's. */
public interface Recommender {

    String name();

    /** "ours" or "Mahout", for the table. */
    String family();

    Built build(List<Rating> train) throws Exception;

    /** A trained system. */
    interface Built {

        /** Top-{@code n} unseen training items for {@code user}, best first. */
        List<String> top(String user, int n) throws Exception;

        /** Predicted rating, or NaN if the system has none. */
        double predict(String user, String item);
    }
}
