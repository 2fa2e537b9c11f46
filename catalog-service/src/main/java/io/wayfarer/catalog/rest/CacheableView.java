package io.wayfarer.catalog.rest;

/**
 * A view the cache hands out: the near cache answers every hit with the same immutable object, so
 * its JSON is serialised once per object and written with a {@code Content-Length}
 * ({@link CacheableViewConverter}). The JSON is the same as Jackson writes for any other body.
 */
public interface CacheableView {
}
