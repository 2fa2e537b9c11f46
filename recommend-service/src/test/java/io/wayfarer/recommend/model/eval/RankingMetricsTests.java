package io.wayfarer.recommend.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; log2(2)=1, log2(3)=1.58496, log2(4)=2, log2(5)=2.32193. */
class RankingMetricsTests {

    private static final List<String> RANKED = List.of("a", "b", "c", "d", "e");

    @Test
    void hitsAtRanksOneAndThreeOfThreeRelevant() {
        Set<String> relevant = Set.of("a", "c", "z");
        // DCG = 1 + 1/log2(4) = 1.5; ideal (3 hits) = 1 + 1/1.58496 + 1/2 = 2.13093
        assertThat(RankingMetrics.ndcg(RANKED, relevant, 5)).isCloseTo(1.5 / 2.1309298, within(1e-6));
        assertThat(RankingMetrics.precision(RANKED, relevant, 5)).isEqualTo(0.4);
        assertThat(RankingMetrics.recall(RANKED, relevant, 5)).isCloseTo(2.0 / 3, within(1e-12));
        // AP = (1/1 + 2/3) / min(3, 5)
        assertThat(RankingMetrics.averagePrecision(RANKED, relevant, 5)).isCloseTo((1 + 2.0 / 3) / 3, within(1e-12));
        assertThat(RankingMetrics.hit(RANKED, relevant, 5)).isEqualTo(1.0);
    }

    @Test
    void theIdealListIsCutAtK() {
        Set<String> relevant = Set.of("b", "x", "y", "z");
        // k = 2: DCG = 1/log2(3); ideal = 1 + 1/log2(3); AP = (1/2) / min(4, 2)
        assertThat(RankingMetrics.ndcg(RANKED, relevant, 2)).isCloseTo(0.6309298 / 1.6309298, within(1e-6));
        assertThat(RankingMetrics.averagePrecision(RANKED, relevant, 2)).isEqualTo(0.25);
        assertThat(RankingMetrics.precision(RANKED, relevant, 2)).isEqualTo(0.5);
        assertThat(RankingMetrics.recall(RANKED, relevant, 2)).isEqualTo(0.25);
    }

    @Test
    void aPerfectListScoresOneAndAShortListIsNotRewarded() {
        assertThat(RankingMetrics.ndcg(List.of("a", "b"), Set.of("a", "b"), 10)).isCloseTo(1.0, within(1e-12));
        assertThat(RankingMetrics.averagePrecision(List.of("a", "b"), Set.of("a", "b"), 10)).isEqualTo(1.0);
        assertThat(RankingMetrics.precision(List.of("a", "b"), Set.of("a", "b"), 10)).isEqualTo(0.2);
    }

    @Test
    void noHitAndNothingRelevantScoreZero() {
        assertThat(RankingMetrics.ndcg(RANKED, Set.of("q"), 10)).isZero();
        assertThat(RankingMetrics.hit(RANKED, Set.of("q"), 10)).isZero();
        assertThat(RankingMetrics.ndcg(RANKED, Set.of(), 10)).isZero();
        assertThat(RankingMetrics.recall(RANKED, Set.of(), 10)).isZero();
        assertThat(RankingMetrics.averagePrecision(List.of(), Set.of("a"), 10)).isZero();
    }
}
