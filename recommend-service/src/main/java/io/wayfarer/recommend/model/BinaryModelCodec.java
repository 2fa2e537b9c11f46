package io.wayfarer.recommend.model;

import io.wayfarer.recommend.model.cf.ItemBasedModel;
import io.wayfarer.recommend.model.cf.UserBasedModel;
import io.wayfarer.recommend.model.ease.EaseModel;
import io.wayfarer.recommend.model.popularity.PopularityModel;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads back any model of this package written by {@link TrainedModel#writeTo}: the header names the kind.
 * A stream that is not a model, of another format version or cut short fails with an {@link IOException}, so
 * the caller can keep the model it has.
 */
public final class BinaryModelCodec implements ModelCodec {

    @Override
    public TrainedModel read(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream));
        String[] header = ModelFormat.readHeader(in);
        String kind = header[0];
        String name = header[1];
        try {
            return switch (kind) {
                case UserBasedModel.KIND -> UserBasedModel.read(name, in);
                case ItemBasedModel.KIND -> ItemBasedModel.read(name, in);
                case EaseModel.KIND -> EaseModel.read(name, in);
                case PopularityModel.KIND -> PopularityModel.read(in);
                default -> throw new IOException("unknown model kind: " + kind);
            };
        } catch (RuntimeException e) {
            throw new IOException("corrupt model " + name, e);
        }
    }
}
