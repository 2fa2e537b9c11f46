package io.wayfarer.recommend.model.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.PreferenceMatrix;
import io.wayfarer.recommend.model.matrix.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighbourSearchTests {

    private static Neighbours users(PreferenceMatrix m, Similarity s, int k) {
        return new NeighbourSearch(s, 0, k).topK(m.byUser(), m.byItem(),
                new Progress(Trainer.ProgressListener.NONE, 0, 1, m.users()));
    }

    @Test
    void usersWithoutACommonItemAreNeverNeighbours() {
        PreferenceMatrix m = PreferenceMatrix.of(List.of(
                new Preference("a", "x", 1), new Preference("b", "x", 5), new Preference("c", "y", 1)));

        Neighbours n = users(m, Similarity.EUCLIDEAN, 10);

        assertThat(n.count(m.user("a"))).isEqualTo(1);
        assertThat(n.id()[n.start()[m.user("a")]]).isEqualTo(m.user("b"));
        assertThat(n.similarity(m.user("a"), m.user("b"))).isCloseTo(0.2, within(1e-6)); // 1/(1+4)
        assertThat(n.count(m.user("c"))).isZero();
    }

    @Test
    void keepsTheKMostSimilarBestFirstAndMatchesTheDirectComputation() {
        SplittableRandom random = new SplittableRandom(4);
        List<Preference> prefs = new ArrayList<>();
        for (int u = 0; u < 60; u++) {
            for (int i = 0; i < 40; i++) {
                if (random.nextInt(4) == 0) {
                    prefs.add(new Preference("u" + u, "i" + i, 1 + random.nextInt(5)));
                }
            }
        }
        PreferenceMatrix m = PreferenceMatrix.of(prefs);
        for (Similarity s : Similarity.values()) {
            Neighbours n = users(m, s, 5);
            for (int a = 0; a < m.users(); a++) {
                assertThat(n.count(a)).isLessThanOrEqualTo(5);
                double previous = Double.POSITIVE_INFINITY;
                for (int p = n.start()[a]; p < n.start()[a + 1]; p++) {
                    double sim = n.similarity()[p];
                    assertThat(sim).isPositive().isLessThanOrEqualTo(previous);
                    assertThat(sim).isCloseTo(direct(m, s, a, n.id()[p]), within(1e-5));
                    previous = sim;
                }
                // nobody left out was more similar than the last one kept
                if (n.count(a) == 5) {
                    for (int b = 0; b < m.users(); b++) {
                        if (b != a && n.similarity(a, b) == 0) {
                            assertThat(direct(m, s, a, b)).isLessThanOrEqualTo(previous + 1e-6);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shrinkageMultipliesCosineByOverlapOverOverlapPlusShrinkAndReordersTheNeighbours() {
        // implicit scores; kyoto = (ann 3, ben 1, cat 1), lisbon = (ann 1, ben 1, cat 1), oslo = (ann 1)
        PreferenceMatrix m = PreferenceMatrix.of(List.of(
                new Preference("ann", "kyoto", 3), new Preference("ben", "kyoto", 1), new Preference("cat", "kyoto", 1),
                new Preference("ann", "lisbon", 1), new Preference("ben", "lisbon", 1), new Preference("cat", "lisbon", 1),
                new Preference("ann", "oslo", 1)));
        int kyoto = m.item("kyoto");

        Neighbours plain = items(m, Similarity.COSINE, 0);
        Neighbours shrunk = items(m, Similarity.COSINE, 2);

        // cos(kyoto, oslo) = 3 / (√11 · 1), one traveller in common; cos(kyoto, lisbon) = 5 / (√11 · √3), three
        assertThat(plain.similarity(kyoto, m.item("oslo"))).isCloseTo(3 / Math.sqrt(11), within(1e-6));
        assertThat(plain.similarity(kyoto, m.item("lisbon"))).isCloseTo(5 / Math.sqrt(33), within(1e-6));
        assertThat(plain.id()[plain.start()[kyoto]]).isEqualTo(m.item("oslo"));
        // shrink 2: oslo × 1/(1+2) = 1/√11 ≈ 0.3015, lisbon × 3/(3+2) = 3/√33 ≈ 0.5222: the better-supported pair wins
        assertThat(shrunk.similarity(kyoto, m.item("oslo"))).isCloseTo(1 / Math.sqrt(11), within(1e-6));
        assertThat(shrunk.similarity(kyoto, m.item("lisbon"))).isCloseTo(3 / Math.sqrt(33), within(1e-6));
        assertThat(shrunk.id()[shrunk.start()[kyoto]]).isEqualTo(m.item("lisbon"));
    }

    private static Neighbours items(PreferenceMatrix m, Similarity s, double shrink) {
        return new NeighbourSearch(s, shrink, 10).topK(m.byItem(), m.byUser(),
                new Progress(Trainer.ProgressListener.NONE, 0, 1, m.items()));
    }

    /** The similarity of users a and b from their rows, the slow obvious way. */
    private static double direct(PreferenceMatrix m, Similarity s, int a, int b) {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < m.items(); i++) {
            double x = m.byUser().get(a, i);
            double y = m.byUser().get(b, i);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                n++;
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
            }
        }
        return s.of(n, sx, sy, sxx, syy, sxy, Math.sqrt(m.byUser().sumOfSquares(a)),
                Math.sqrt(m.byUser().sumOfSquares(b)), m.byUser().length(a), m.byUser().length(b), m.items());
    }
}
