package io.wayfarer.recommend.model.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SimilarityTests {

    /** Sums over the co-rated coordinates of x and y, as NeighbourSearch computes them. */
    private static double of(Similarity s, double[] x, double[] y, int countA, int countB, int total) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }
        return s.of(x.length, sx, sy, sxx, syy, sxy, Math.sqrt(sxx), Math.sqrt(syy), countA, countB, total);
    }

    @ParameterizedTest
    @EnumSource(Similarity.class)
    void noCoRatedCoordinateIsNoEvidence(Similarity similarity) {
        assertThat(similarity.of(0, 0, 0, 0, 0, 0, 3, 4, 5, 7, 100)).isZero();
    }

    @Test
    void euclideanIsOneOverOnePlusDistance() {
        assertThat(of(Similarity.EUCLIDEAN, new double[] {2.0}, new double[] {1.0}, 1, 1, 10)).isEqualTo(0.5);
        assertThat(of(Similarity.EUCLIDEAN, new double[] {1, 2}, new double[] {4, 6}, 2, 2, 10)).isEqualTo(1.0 / 6);
        assertThat(of(Similarity.EUCLIDEAN, new double[] {3, 3}, new double[] {3, 3}, 2, 2, 10)).isEqualTo(1.0);
    }

    @Test
    void pearsonNeedsTwoCoordinatesAndVarianceOnBothSides() {
        assertThat(of(Similarity.PEARSON, new double[] {5}, new double[] {5}, 1, 1, 10)).isZero();
        assertThat(of(Similarity.PEARSON, new double[] {3, 3, 3}, new double[] {1, 2, 3}, 3, 3, 10)).isZero();
        assertThat(of(Similarity.PEARSON, new double[] {1, 2, 3}, new double[] {2, 4, 6}, 3, 3, 10))
                .isCloseTo(1.0, within(1e-12));
        assertThat(of(Similarity.PEARSON, new double[] {1, 2, 3}, new double[] {3, 2, 1}, 3, 3, 10))
                .isCloseTo(-1.0, within(1e-12));
        // x = (1,2,3,4), y = (2,1,4,3): cov = 0.8·... r = 0.6 by hand
        assertThat(of(Similarity.PEARSON, new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}, 4, 4, 10))
                .isCloseTo(0.6, within(1e-12));
    }

    @Test
    void cosineUsesTheWholeVectors() {
        // a = (1, 1, 0), b = (1, 0, 1): co-rated dot 1, norms sqrt2 · sqrt2 → 0.5
        assertThat(Similarity.COSINE.of(1, 1, 1, 1, 1, 1, Math.sqrt(2), Math.sqrt(2), 2, 2, 3)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void logLikelihoodGrowsWithSurprisingCoOccurrence() {
        // 100 users; a and b each liked by 10: 9 together is surprising, 1 together is about chance
        double together = Similarity.LOG_LIKELIHOOD.of(9, 9, 9, 9, 9, 9, 3, 3, 10, 10, 100);
        double chance = Similarity.LOG_LIKELIHOOD.of(1, 1, 1, 1, 1, 1, 3, 3, 10, 10, 100);
        assertThat(together).isGreaterThan(chance).isLessThan(1.0);
        assertThat(chance).isBetween(0.0, 0.5);
        // Dunning's G² by hand for k11=9, k12=1, k21=1, k22=89
        assertThat(LogLikelihood.ratio(9, 1, 1, 89)).isCloseTo(47.526, within(0.001));
    }

    @Test
    void idsRoundTrip() {
        for (Similarity s : Similarity.values()) {
            assertThat(Similarity.byId(s.id())).isSameAs(s);
        }
        assertThatThrownBy(() -> Similarity.byId("manhattan")).isInstanceOf(IllegalArgumentException.class);
    }
}
