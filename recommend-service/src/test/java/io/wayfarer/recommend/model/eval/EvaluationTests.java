package io.wayfarer.recommend.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTests {

    /** Two users; test: u1 rated x 5 (relevant) and y 2; u2 rated z 4 (relevant) and an unknown item w 3. */
    private static final Split SPLIT = new Split(
            List.of(new Rating("u1", "a", 4, 0), new Rating("u1", "b", 2, 0), new Rating("u2", "a", 5, 0),
                    new Rating("u2", "x", 3, 0), new Rating("u2", "y", 1, 0), new Rating("u1", "z", 5, 0)),
            List.of(new Rating("u1", "x", 5, 0), new Rating("u1", "y", 2, 0), new Rating("u2", "z", 4, 0),
                    new Rating("u2", "w", 3, 0)));

    /** A fixed answer: u1 gets x first (a hit), u2 gets b then z (a hit at rank 2); predicts 4.0 for u1 only. */
    private record Fixed() implements Recommender {

        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public String family() {
            return "ours";
        }

        @Override
        public Built build(List<Rating> train) {
            Map<String, List<String>> lists = Map.of("u1", List.of("x", "y"), "u2", List.of("b", "z"));
            return new Built() {
                @Override
                public List<String> top(String user, int n) {
                    return lists.get(user);
                }

                @Override
                public double predict(String user, String item) {
                    return user.equals("u1") ? 4.0 : Double.NaN;
                }
            };
        }
    }

    @Test
    void metricsAndErrorsOverAHandMadeSplit() throws Exception {
        Result r = new Evaluation(SPLIT, 10).run(new Fixed());

        // u1: hit at 1 → nDCG 1; u2: hit at 2 → nDCG 1/log2(3) = 0.63093
        assertThat(r.ndcg()).isCloseTo((1 + 0.6309298) / 2, within(1e-6));
        assertThat(r.precision()).isCloseTo(0.1, within(1e-12));
        assertThat(r.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(r.map()).isCloseTo((1 + 0.5) / 2, within(1e-12));
        assertThat(r.hitRate()).isEqualTo(1.0);
        // covered {x, y, b, z} of the 5 training items {a, b, x, y, z}
        assertThat(r.coverage()).isCloseTo(0.8, within(1e-12));
        // u1: 4 vs 5 → -1, 4 vs 2 → +2; u2 falls back to its training mean 3: 3 vs 4 → -1, 3 vs 3 → 0
        assertThat(r.rmse()).isCloseTo(Math.sqrt((1 + 4 + 1 + 0) / 4.0), within(1e-12));
        assertThat(r.mae()).isCloseTo(1.0, within(1e-12));
        assertThat(r.ownPredictions()).isEqualTo(0.5);
        assertThat(r.ndcgPerUser()).hasSize(2);
    }

    @Test
    void theFallbackGoesUserMeanThenItemMeanThenGlobalMeanAndClamps() {
        RatingFallback fallback = new RatingFallback(SPLIT.train());

        assertThat(fallback.resolve("u1", "nothing", Double.NaN)).isCloseTo(11.0 / 3, within(1e-12));
        assertThat(fallback.resolve("stranger", "a", Double.NaN)).isEqualTo(4.5);
        assertThat(fallback.resolve("stranger", "nothing", Double.NaN)).isCloseTo(20.0 / 6, within(1e-12));
        assertThat(fallback.resolve("u1", "a", 7.5)).isEqualTo(5.0);
        assertThat(fallback.resolve("u1", "a", -2)).isEqualTo(1.0);
    }
}
