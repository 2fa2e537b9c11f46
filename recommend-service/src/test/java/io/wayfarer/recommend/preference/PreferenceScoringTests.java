package io.wayfarer.recommend.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.wayfarer.recommend.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented arithmetic of preference scores: weights, rating scale, half-life decay and the cap. */
class PreferenceScoringTests {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    final PreferenceScoring scoring = new PreferenceScoring(PreferenceWeights.defaults());

    @Test
    void aFreshSignalCountsItsWeight() {
        assertThat(scoring.contribution(Signal.VIEW, null, NOW, NOW)).isEqualTo(1.0);
        assertThat(scoring.contribution(Signal.FAVOURITE, null, NOW, NOW)).isEqualTo(3.0);
        assertThat(scoring.contribution(Signal.PURCHASE, null, NOW, NOW)).isEqualTo(5.0);
        assertThat(scoring.contribution(Signal.UNRATE, null, NOW, NOW)).isZero();
    }

    @Test
    void aRatingScalesFromNothingAtOneStarToTheFullWeightAtFive() {
        assertThat(scoring.contribution(Signal.RATE, 1, NOW, NOW)).isZero();
        assertThat(scoring.contribution(Signal.RATE, 3, NOW, NOW)).isEqualTo(2.0);
        assertThat(scoring.contribution(Signal.RATE, 5, NOW, NOW)).isEqualTo(4.0);
    }

    @Test
    void aSignalCountsHalfAfterEachHalfLife() {
        assertThat(scoring.contribution(Signal.FAVOURITE, null, NOW.minus(Duration.ofDays(90)), NOW))
                .isCloseTo(1.5, offset(1e-9));
        assertThat(scoring.contribution(Signal.FAVOURITE, null, NOW.minus(Duration.ofDays(180)), NOW))
                .isCloseTo(0.75, offset(1e-9));
        assertThat(scoring.contribution(Signal.VIEW, null, NOW.plusSeconds(3600), NOW))
                .as("a clock ahead of ours does not make a signal count more").isEqualTo(1.0);
    }

    @Test
    void aPairIsCappedSoNoFloodOfViewsOutweighsEverything() {
        double summed = 0;
        for (int i = 0; i < 500; i++) {
            summed += scoring.contribution(Signal.VIEW, null, NOW, NOW);
        }
        assertThat(scoring.score(summed)).isEqualTo(10.0);
        assertThat(scoring.score(4.0)).isEqualTo(4.0);
    }

    @Test
    void weightsCanBeConfiguredButNotNegative() {
        PreferenceWeights custom = new PreferenceWeights(Map.of(Signal.VIEW, 0.5), 6, Duration.ofDays(7));
        assertThat(custom.weight(Signal.VIEW)).isEqualTo(0.5);
        assertThat(custom.weight(Signal.PURCHASE)).as("unset weights keep their default").isEqualTo(5.0);
        assertThatThrownBy(() -> new PreferenceWeights(Map.of(Signal.VIEW, -1.0), 6, Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PreferenceWeights(null, 0, Duration.ofDays(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
