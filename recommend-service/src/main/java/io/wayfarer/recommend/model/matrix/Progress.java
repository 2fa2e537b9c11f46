package io.wayfarer.recommend.model.matrix;

import io.wayfarer.recommend.model.Trainer.ProgressListener;

/**
 * Maps the steps of one training phase onto [{@code from}, {@code to}] of the overall progress. Worker threads
 * call {@link #advance}; the listener sees non-decreasing fractions, one thread at a time.
 */
public final class Progress {

    private final ProgressListener listener;
    private final double from;
    private final double to;
    private final long total;
    private long done;
    private double reported = -1;

    public Progress(ProgressListener listener, double from, double to, long total) {
        this.listener = listener;
        this.from = from;
        this.to = to;
        this.total = Math.max(1, total);
    }

    public synchronized void advance(long steps) {
        done = Math.min(total, done + steps);
        double fraction = from + (to - from) * done / total;
        if (fraction - reported >= 0.01 || done == total) {
            reported = fraction;
            listener.progress(fraction);
        }
    }
}
