package io.wayfarer.recommend.model.eval;

/** One line of a MovieLens {@code u.data} file. */
public record Rating(String user, String item, double value, long timestamp) {
}
