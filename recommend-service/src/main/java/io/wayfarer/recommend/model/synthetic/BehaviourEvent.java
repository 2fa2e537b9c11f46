package io.wayfarer.recommend.model.synthetic;

/** One generated event; {@code rating} is 1–5 for {@link Signal#RATE} and 0 otherwise. */
public record BehaviourEvent(int user, int trip, Signal signal, int rating, long epochSecond) {
}
