package io.wayfarer.catalog.cache;

/**
 * Observes the cache: metrics in production; tests use the same hooks to count database reads
 * and to force interleavings deterministically (docs/cache.md, "How it is tested").
 */
public interface CacheListener {

    default void hit(String cache, Object id) {
    }

    default void miss(String cache, Object id) {
    }

    /** A database read finished (before its result is offered to Redis). */
    default void loaded(String cache, Object id, long version) {
    }

    /** A committed change is about to invalidate the entry. */
    default void invalidating(String cache, Object id, long version) {
    }
}
