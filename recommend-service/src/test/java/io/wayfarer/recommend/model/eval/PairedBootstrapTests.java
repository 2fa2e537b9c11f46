package io.wayfarer.recommend.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedBootstrapTests {

    @Test
    void aConstantGapHasAZeroWidthInterval() {
        double[] a = {0.5, 0.7, 0.2, 0.9};
        double[] b = {0.25, 0.45, -0.05, 0.65};

        double[] c = PairedBootstrap.compare(a, b, 500, 1);

        assertThat(c[0]).isCloseTo(0.25, within(1e-12));
        assertThat(c[1]).isCloseTo(0.25, within(1e-12));
        assertThat(c[2]).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void theIntervalHoldsTheMeanDifferenceAndIsSeeded() {
        double[] a = new double[200];
        double[] b = new double[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 10) / 10.0;
            b[i] = ((i * 7) % 10) / 10.0 * 0.5;
        }
        double[] c = PairedBootstrap.compare(a, b, 1000, 9);

        assertThat(c[1]).isLessThanOrEqualTo(c[0]);
        assertThat(c[2]).isGreaterThanOrEqualTo(c[0]);
        assertThat(c[1]).isGreaterThan(0); // a is clearly better
        assertThat(c[3]).isCloseTo(2.0, within(1e-9)); // mean 0.45 vs 0.225
        assertThat(PairedBootstrap.compare(a, b, 1000, 9)).isEqualTo(c);
    }
}
