package io.wayfarer.recommend.model.matrix;

import java.util.Arrays;

/**
 * Compressed sparse rows: row {@code r} holds {@code index[start[r] .. start[r+1])} (ascending) with their
 * {@code value}s. The arrays are shared, not copied: nothing writes to them after construction.
 */
public record SparseRows(int[] start, int[] index, double[] value) {

    public int rows() {
        return start.length - 1;
    }

    public int size() {
        return index.length;
    }

    public int length(int row) {
        return start[row + 1] - start[row];
    }

    /** Value at ({@code row}, {@code column}), or NaN if the cell is empty. */
    public double get(int row, int column) {
        int at = Arrays.binarySearch(index, start[row], start[row + 1], column);
        return at >= 0 ? value[at] : Double.NaN;
    }

    public double sumOfSquares(int row) {
        double sum = 0;
        for (int p = start[row]; p < start[row + 1]; p++) {
            sum += value[p] * value[p];
        }
        return sum;
    }

    /** The same cells with rows and columns swapped; {@code columns} is the number of columns here. */
    public SparseRows transpose(int columns) {
        int[] tStart = new int[columns + 1];
        for (int c : index) {
            tStart[c + 1]++;
        }
        for (int c = 0; c < columns; c++) {
            tStart[c + 1] += tStart[c];
        }
        int[] fill = Arrays.copyOf(tStart, columns);
        int[] tIndex = new int[index.length];
        double[] tValue = new double[index.length];
        for (int r = 0; r < rows(); r++) {
            for (int p = start[r]; p < start[r + 1]; p++) {
                int at = fill[index[p]]++;
                tIndex[at] = r;
                tValue[at] = value[p];
            }
        }
        return new SparseRows(tStart, tIndex, tValue);
    }
}
