package io.wayfarer.recommend.model.ease;

import io.wayfarer.recommend.model.matrix.Progress;
import java.util.stream.IntStream;

/**
 * In-place inverse of a symmetric positive-definite matrix by Gauss-Jordan elimination without pivoting
 * (positive definiteness keeps every pivot positive). n³ multiply-adds; for each pivot the other rows are
 * updated in parallel on every core. Single precision: EASE's ridge term keeps the matrix well conditioned, the
 * result feeds a ranking, and floats halve the memory traffic (the whole matrix is streamed once per pivot):
 * 3–4× faster than doubles here with the same nDCG to four digits.
 */
final class SymmetricInverse {

    private SymmetricInverse() {
    }

    static void invert(float[][] a, Progress progress) {
        int n = a.length;
        int chunks = Math.max(1, Math.min(n, 4 * Runtime.getRuntime().availableProcessors()));
        for (int p = 0; p < n; p++) {
            float[] pivotRow = a[p];
            float pivot = pivotRow[p];
            if (!(pivot > 0)) {
                throw new ArithmeticException("matrix is not positive definite at row " + p);
            }
            pivotRow[p] = 1.0f;
            float inverse = 1.0f / pivot;
            for (int k = 0; k < n; k++) {
                pivotRow[k] *= inverse;
            }
            int column = p;
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                for (int i = from; i < to; i++) {
                    if (i == column) {
                        continue;
                    }
                    float[] row = a[i];
                    float f = row[column];
                    if (f == 0) {
                        continue;
                    }
                    row[column] = 0;
                    for (int k = 0; k < n; k++) {
                        row[k] -= f * pivotRow[k];
                    }
                }
            });
            progress.advance(1);
        }
    }
}
