package io.wayfarer.recommend.model.similarity;

import io.wayfarer.recommend.model.matrix.Neighbours;
import io.wayfarer.recommend.model.matrix.Progress;
import io.wayfarer.recommend.model.matrix.SparseRows;
import io.wayfarer.recommend.model.matrix.TopK;
import java.util.stream.IntStream;

/**
 * All-pairs similarity of the rows of a sparse matrix, keeping each row's top-k positive neighbours. Only pairs
 * that share a column are ever visited (row → its columns → the other rows of those columns), so the cost is
 * Σ over columns of (column length)², not rows²; rows are split into blocks run on every core.
 */
public final class NeighbourSearch {

    private final Similarity similarity;
    private final double shrink;
    private final int k;

    /**
     * @param shrink if &gt; 0, similarities are multiplied by n/(n+shrink), n = co-rated count, so a pair
     *               that agrees on one coordinate does not outrank one that agrees on fifty
     */
    public NeighbourSearch(Similarity similarity, double shrink, int k) {
        this.similarity = similarity;
        this.shrink = shrink;
        this.k = k;
    }

    /** @param rows the vectors to compare; {@code columns} is the same matrix transposed */
    public Neighbours topK(SparseRows rows, SparseRows columns, Progress progress) {
        int n = rows.rows();
        double[] norms = new double[n];
        for (int r = 0; r < n; r++) {
            norms[r] = Math.sqrt(rows.sumOfSquares(r));
        }
        int[][] ids = new int[n][];
        float[][] sims = new float[n][];
        int blockSize = Math.max(1, Math.min(256, n / (8 * Runtime.getRuntime().availableProcessors()) + 1));
        int blocks = (n + blockSize - 1) / blockSize;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            Sums sums = new Sums(n);
            int to = Math.min(n, (b + 1) * blockSize);
            for (int a = b * blockSize; a < to; a++) {
                neighboursOf(a, rows, columns, norms, sums, ids, sims);
            }
            progress.advance(to - b * blockSize);
        });
        int[] start = new int[n + 1];
        for (int r = 0; r < n; r++) {
            start[r + 1] = start[r] + ids[r].length;
        }
        int[] id = new int[start[n]];
        float[] similarity = new float[start[n]];
        for (int r = 0; r < n; r++) {
            System.arraycopy(ids[r], 0, id, start[r], ids[r].length);
            System.arraycopy(sims[r], 0, similarity, start[r], sims[r].length);
        }
        return new Neighbours(start, id, similarity);
    }

    private void neighboursOf(int a, SparseRows rows, SparseRows columns, double[] norms, Sums s,
            int[][] ids, float[][] sims) {
        int[] rIndex = rows.index();
        double[] rValue = rows.value();
        int[] cStart = columns.start();
        int[] cIndex = columns.index();
        double[] cValue = columns.value();
        int touched = 0;
        for (int p = rows.start()[a]; p < rows.start()[a + 1]; p++) {
            int c = rIndex[p];
            double x = rValue[p];
            for (int q = cStart[c]; q < cStart[c + 1]; q++) {
                int b = cIndex[q];
                if (b == a) {
                    continue;
                }
                double y = cValue[q];
                if (s.n[b]++ == 0) {
                    s.touched[touched++] = b;
                }
                s.sx[b] += x;
                s.sy[b] += y;
                s.sxx[b] += x * x;
                s.syy[b] += y * y;
                s.sxy[b] += x * y;
            }
        }
        TopK best = new TopK(k);
        int countA = rows.length(a);
        for (int t = 0; t < touched; t++) {
            int b = s.touched[t];
            int overlap = s.n[b];
            double sim = similarity.of(overlap, s.sx[b], s.sy[b], s.sxx[b], s.syy[b], s.sxy[b],
                    norms[a], norms[b], countA, rows.length(b), columns.rows());
            if (shrink > 0) {
                sim *= overlap / (overlap + shrink);
            }
            if (sim > 0) {
                best.offer(b, sim);
            }
            s.clear(b);
        }
        double[] scores = new double[best.size()];
        ids[a] = best.indicesBestFirst(scores);
        sims[a] = new float[scores.length];
        for (int i = 0; i < scores.length; i++) {
            sims[a][i] = (float) scores[i];
        }
    }

    /** Per-thread accumulators over the other rows, reset after each row (only the touched cells). */
    private static final class Sums {

        final int[] n;
        final int[] touched;
        final double[] sx;
        final double[] sy;
        final double[] sxx;
        final double[] syy;
        final double[] sxy;

        Sums(int size) {
            n = new int[size];
            touched = new int[size];
            sx = new double[size];
            sy = new double[size];
            sxx = new double[size];
            syy = new double[size];
            sxy = new double[size];
        }

        void clear(int b) {
            n[b] = 0;
            sx[b] = 0;
            sy[b] = 0;
            sxx[b] = 0;
            syy[b] = 0;
            sxy[b] = 0;
        }
    }
}
