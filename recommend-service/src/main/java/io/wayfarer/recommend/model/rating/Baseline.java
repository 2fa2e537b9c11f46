package io.wayfarer.recommend.model.rating;

import io.wayfarer.recommend.model.matrix.BinaryStreams;
import io.wayfarer.recommend.model.matrix.SparseRows;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The bias terms b_ui = μ + b_u + b_i (Koren, "Factor in the neighbors", 2008): the global mean, how much a user
 * rates above it, how much an item is rated above it. Fitted by a few rounds of regularised alternating means,
 * so an item rated once by an enthusiast does not get that enthusiast's whole bias.
 */
public record Baseline(double mean, double[] userBias, double[] itemBias) {

    private static final double ITEM_REGULARISATION = 25;
    private static final double USER_REGULARISATION = 10;
    private static final int ROUNDS = 4;

    public static Baseline fit(SparseRows byUser, SparseRows byItem) {
        double sum = 0;
        for (double v : byUser.value()) {
            sum += v;
        }
        double mean = byUser.size() == 0 ? 0 : sum / byUser.size();
        double[] bu = new double[byUser.rows()];
        double[] bi = new double[byItem.rows()];
        for (int round = 0; round < ROUNDS; round++) {
            fitSide(byItem, bi, bu, mean, ITEM_REGULARISATION);
            fitSide(byUser, bu, bi, mean, USER_REGULARISATION);
        }
        return new Baseline(mean, bu, bi);
    }

    private static void fitSide(SparseRows rows, double[] bias, double[] other, double mean, double lambda) {
        for (int r = 0; r < rows.rows(); r++) {
            double residual = 0;
            for (int p = rows.start()[r]; p < rows.start()[r + 1]; p++) {
                residual += rows.value()[p] - mean - other[rows.index()[p]];
            }
            bias[r] = residual / (lambda + rows.length(r));
        }
    }

    public double estimate(int user, int item) {
        return mean + userBias[user] + itemBias[item];
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeDouble(mean);
        BinaryStreams.writeDoubles(out, userBias);
        BinaryStreams.writeDoubles(out, itemBias);
    }

    static Baseline read(DataInputStream in) throws IOException {
        return new Baseline(in.readDouble(), BinaryStreams.readDoubles(in), BinaryStreams.readDoubles(in));
    }
}
