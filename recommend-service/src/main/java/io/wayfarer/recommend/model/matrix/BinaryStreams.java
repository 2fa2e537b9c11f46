package io.wayfarer.recommend.model.matrix;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Length-prefixed arrays in a persisted model, written in bulk (a model holds millions of numbers). */
public final class BinaryStreams {

    private static final int CHUNK = 1 << 16;

    private BinaryStreams() {
    }

    public static void writeStrings(DataOutputStream out, String[] values) throws IOException {
        out.writeInt(values.length);
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    public static String[] readStrings(DataInputStream in) throws IOException {
        String[] values = new String[length(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readUTF();
        }
        return values;
    }

    public static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Integer.BYTES);
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            buffer.asIntBuffer().put(values, from, n);
            out.write(buffer.array(), 0, n * Integer.BYTES);
        }
    }

    public static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[length(in)];
        byte[] bytes = new byte[CHUNK * Integer.BYTES];
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            in.readFully(bytes, 0, n * Integer.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Integer.BYTES).asIntBuffer().get(values, from, n);
        }
        return values;
    }

    public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Float.BYTES);
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            buffer.asFloatBuffer().put(values, from, n);
            out.write(buffer.array(), 0, n * Float.BYTES);
        }
    }

    public static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[length(in)];
        byte[] bytes = new byte[CHUNK * Float.BYTES];
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            in.readFully(bytes, 0, n * Float.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Float.BYTES).asFloatBuffer().get(values, from, n);
        }
        return values;
    }

    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK * Double.BYTES);
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            buffer.clear();
            buffer.asDoubleBuffer().put(values, from, n);
            out.write(buffer.array(), 0, n * Double.BYTES);
        }
    }

    public static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[length(in)];
        byte[] bytes = new byte[CHUNK * Double.BYTES];
        for (int from = 0; from < values.length; from += CHUNK) {
            int n = Math.min(CHUNK, values.length - from);
            in.readFully(bytes, 0, n * Double.BYTES);
            ByteBuffer.wrap(bytes, 0, n * Double.BYTES).asDoubleBuffer().get(values, from, n);
        }
        return values;
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) {
            throw new IOException("corrupt model: array length " + n);
        }
        return n;
    }
}
