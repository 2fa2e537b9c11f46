package io.wayfarer.recommend.training;

/** Published (as a Spring event) when this instance starts serving another model. */
public record ModelSwapped(long version, String trainer) {
}
