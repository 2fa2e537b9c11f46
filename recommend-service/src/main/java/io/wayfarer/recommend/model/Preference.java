package io.wayfarer.recommend.model;

/**
 * One cell of a preference matrix: how much {@code user} likes {@code item}. Keys are strings so the same
 * algorithms serve trips (user UUID, trip id), MovieLens files and the requirements' toy data alike.
 */
public record Preference(String user, String item, double value) {

    public Preference {
        if (user == null || user.isBlank() || item == null || item.isBlank()) {
            throw new IllegalArgumentException("user and item are required");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value);
        }
    }
}
