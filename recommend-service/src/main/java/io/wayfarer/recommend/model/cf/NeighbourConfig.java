package io.wayfarer.recommend.model.cf;

import io.wayfarer.recommend.model.similarity.Similarity;

/**
 * How a neighbourhood model picks neighbours: the similarity, how many neighbours are kept per user or item, and
 * the optional shrinkage n/(n+shrink) towards 0 for pairs with few co-rated coordinates.
 */
public record NeighbourConfig(Similarity similarity, int k, double shrink) {

    public NeighbourConfig {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        if (shrink < 0 || !Double.isFinite(shrink)) {
            throw new IllegalArgumentException("shrink must be >= 0");
        }
    }

    /** e.g. {@code item-cf/cosine/k=50/shrink=10}: the stable trainer name. */
    public String name(String kind) {
        String name = kind + "/" + similarity.id() + "/k=" + k;
        return shrink > 0 ? name + "/shrink=" + number(shrink) : name;
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
