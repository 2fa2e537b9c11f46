package io.wayfarer.recommend.preference;

import io.wayfarer.recommend.signal.Signal;
import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of a preference score, in one place: a signal's weight, decayed by its age
 * ({@code weight x 0.5^(age / half-life)}; a signal from the future counts as new), summed per (user, trip)
 * and capped.
 */
public final class PreferenceScoring {

    private final PreferenceWeights weights;
    private final double halfLifeSeconds;

    public PreferenceScoring(PreferenceWeights weights) {
        this.weights = weights;
        this.halfLifeSeconds = weights.halfLife().toMillis() / 1000.0;
    }

    /** What one signal adds, as of {@code now}; {@code rating} only for {@link Signal#RATE}. */
    public double contribution(Signal signal, Integer rating, Instant occurredAt, Instant now) {
        double weight = weights.weight(signal);
        if (signal == Signal.RATE) {
            weight = weight * (rating - 1) / 4.0;
        }
        double ageSeconds = Math.max(0, Duration.between(occurredAt, now).toMillis() / 1000.0);
        return weight * Math.pow(0.5, ageSeconds / halfLifeSeconds);
    }

    /** The capped score from the summed contributions. */
    public double score(double summed) {
        return Math.min(weights.cap(), summed);
    }
}
