package io.wayfarer.recommend.model.ease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.wayfarer.recommend.model.Trainer;
import io.wayfarer.recommend.model.matrix.Progress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricInverseTests {

    private static Progress quiet(int n) {
        return new Progress(Trainer.ProgressListener.NONE, 0, 1, n);
    }

    @Test
    void invertsByHand() {
        float[][] a = {{4, 2}, {2, 3}};
        SymmetricInverse.invert(a, quiet(2));
        // det 8: inverse = 1/8 [[3, -2], [-2, 4]]
        assertThat((double) a[0][0]).isCloseTo(0.375, within(1e-6));
        assertThat((double) a[0][1]).isCloseTo(-0.25, within(1e-6));
        assertThat((double) a[1][0]).isCloseTo(-0.25, within(1e-6));
        assertThat((double) a[1][1]).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void aTimesItsInverseIsTheIdentity() {
        int n = 60;
        SplittableRandom random = new SplittableRandom(1);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = random.nextInt(3);
            }
        }
        double[][] a = new double[n][n]; // MᵀM + I: symmetric positive definite, like EASE's Gram matrix
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
            a[i][i] += 1;
        }
        float[][] inverse = new float[n][];
        for (int i = 0; i < n; i++) {
            inverse[i] = new float[n];
            for (int j = 0; j < n; j++) {
                inverse[i][j] = (float) a[i][j];
            }
        }
        SymmetricInverse.invert(inverse, quiet(n));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a[i][k] * inverse[k][j];
                }
                assertThat(sum).isCloseTo(i == j ? 1 : 0, within(1e-4));
            }
        }
    }

    @Test
    void refusesAMatrixThatIsNotPositiveDefinite() {
        assertThatThrownBy(() -> SymmetricInverse.invert(new float[][] {{0, 1}, {1, 0}}, quiet(2)))
                .isInstanceOf(ArithmeticException.class);
    }
}
