package io.wayfarer.recommend.model.matrix;

/**
 * Keeps the {@code k} best (index, score) pairs seen so far in a min-heap: O(n log k) over n offers, no
 * boxing. Order: higher score first, then lower index, so equal scores rank the same way on every run.
 */
public final class TopK {

    private final int k;
    private final int[] index;
    private final double[] score;
    private int size;

    public TopK(int k) {
        this.k = Math.max(0, k);
        this.index = new int[this.k];
        this.score = new double[this.k];
    }

    public void offer(int i, double s) {
        if (k == 0) {
            return;
        }
        if (size < k) {
            index[size] = i;
            score[size] = s;
            siftUp(size++);
        } else if (better(i, s, index[0], score[0])) {
            index[0] = i;
            score[0] = s;
            siftDown(0);
        }
    }

    public int size() {
        return size;
    }

    /** Drains the heap: the indices best first (this TopK is empty afterwards). */
    public int[] indicesBestFirst(double[] scoresOut) {
        int n = size;
        int[] out = new int[n];
        for (int at = n - 1; at >= 0; at--) {
            out[at] = index[0];
            if (scoresOut != null) {
                scoresOut[at] = score[0];
            }
            size--;
            index[0] = index[size];
            score[0] = score[size];
            siftDown(0);
        }
        return out;
    }

    private static boolean better(int i, double s, int j, double t) {
        return s > t || (s == t && i < j);
    }

    private void siftUp(int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!better(index[parent], score[parent], index[at], score[at])) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void siftDown(int at) {
        while (true) {
            int worst = at;
            int left = 2 * at + 1;
            int right = left + 1;
            if (left < size && better(index[worst], score[worst], index[left], score[left])) {
                worst = left;
            }
            if (right < size && better(index[worst], score[worst], index[right], score[right])) {
                worst = right;
            }
            if (worst == at) {
                return;
            }
            swap(at, worst);
            at = worst;
        }
    }

    private void swap(int a, int b) {
        int i = index[a];
        index[a] = index[b];
        index[b] = i;
        double s = score[a];
        score[a] = score[b];
        score[b] = s;
    }
}
