package io.wayfarer.recommend.model;

import java.io.IOException;
import java.io.InputStream;

/** Reads back a model written by {@link TrainedModel#writeTo}; the stream says which kind it is. */
public interface ModelCodec {

    TrainedModel read(InputStream in) throws IOException;
}
