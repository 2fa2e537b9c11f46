package io.wayfarer.recommend.preference;

import io.wayfarer.recommend.signal.Signal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How behaviour becomes a preference score (README, "Signals and weights"): a weight per signal, a cap per
 * (user, trip), and a half-life after which a signal counts half. A rating of r stars adds
 * {@code rate x (r - 1) / 4}, so 1 star adds nothing and 5 stars the full weight.
 */
@ConfigurationProperties("wayfarer.recommend.preferences")
public record PreferenceWeights(Map<Signal, Double> weights, @DefaultValue("10") double cap,
        @DefaultValue("90d") Duration halfLife) {

    static final Map<Signal, Double> DEFAULTS = Map.of(Signal.VIEW, 1.0, Signal.SHARE, 2.0, Signal.COMMENT, 2.0,
            Signal.FAVOURITE, 3.0, Signal.RECOMMEND, 4.0, Signal.RATE, 4.0, Signal.PURCHASE, 5.0);

    public PreferenceWeights {
        Map<Signal, Double> merged = new EnumMap<>(Signal.class);
        merged.putAll(DEFAULTS);
        if (weights != null) {
            merged.putAll(weights);
        }
        merged.put(Signal.UNRATE, 0.0);
        merged.forEach((signal, weight) -> {
            if (weight == null || weight < 0 || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("the weight of " + signal + " must be >= 0");
            }
        });
        weights = Map.copyOf(merged);
        if (!(cap > 0)) {
            throw new IllegalArgumentException("the cap must be > 0");
        }
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the half-life must be positive");
        }
    }

    public static PreferenceWeights defaults() {
        return new PreferenceWeights(null, 10, Duration.ofDays(90));
    }

    public double weight(Signal signal) {
        return weights.get(signal);
    }
}
