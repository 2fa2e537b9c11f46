package io.wayfarer.recommend.model.matrix;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Precomputed top-k neighbour lists: entity {@code e}'s neighbours are {@code id[start[e] .. start[e+1])}
 * with similarity {@code similarity[..]}, most similar first; only positive similarities are kept.
 */
public record Neighbours(int[] start, int[] id, float[] similarity) {

    public int count(int entity) {
        return start[entity + 1] - start[entity];
    }

    /** Similarity of {@code other} to {@code entity}, or 0 if it is not among its neighbours. */
    public double similarity(int entity, int other) {
        for (int p = start[entity]; p < start[entity + 1]; p++) {
            if (id[p] == other) {
                return similarity[p];
            }
        }
        return 0;
    }

    public void writeTo(DataOutputStream out) throws IOException {
        BinaryStreams.writeInts(out, start);
        BinaryStreams.writeInts(out, id);
        BinaryStreams.writeFloats(out, similarity);
    }

    public static Neighbours read(DataInputStream in) throws IOException {
        return new Neighbours(BinaryStreams.readInts(in), BinaryStreams.readInts(in), BinaryStreams.readFloats(in));
    }
}
