package io.wayfarer.recommend.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The header of a persisted model: magic, format version, the model's kind and its trainer name. */
public final class ModelFormat {

    static final int MAGIC = 0x5746524D; // "WFRM"
    static final int VERSION = 1;

    private ModelFormat() {
    }

    public static void writeHeader(DataOutputStream out, String kind, String name) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(kind);
        out.writeUTF(name);
    }

    /** Reads the header; returns {kind, name}. */
    static String[] readHeader(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a Wayfarer model");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported model format version " + version);
        }
        return new String[] {in.readUTF(), in.readUTF()};
    }
}
