package io.wayfarer.catalog.cache;

/**
 * Observes the cache: metrics in production; tests use the same hooks to count database reads
 * and to force interleavings deterministically (docs/cache.md, "How it is tested").
 */
public interface CacheListener {

    /** Answered from Redis. */
    default void hit(String cache, Object id) {
    }

    /** Answered from this instance's near cache. */
    default void nearHit(String cache, Object id) {
    }

    /** The near cache could not answer because its floor channel is not proven live. */
    default void nearBypassed(String cache, Object id) {
    }

    default void miss(String cache, Object id) {
    }

    /** A database read finished (before its result is offered to Redis). */
    default void loaded(String cache, Object id, long version) {
    }

    /** A read is about to offer what it found (in Redis or the database) to the near cache. */
    default void nearOffering(String cache, Object id, long version) {
    }

    /** A committed change is about to invalidate the entry. */
    default void invalidating(String cache, Object id, long version) {
    }

    /** Another (or this) instance's commit arrived on the floor channel and was applied to the near cache. */
    default void floorReceived(String cache, String id, long version) {
    }

    /** The floor channel is about to (re)subscribe; until it is confirmed, the near cache is bypassed. */
    default void nearSubscribing() {
    }

    /** The floor channel is subscribed on Redis client {@code clientId}; the near cache starts empty. */
    default void nearSubscribed(long clientId) {
    }

    /** The floor channel's connection was lost; the near cache is bypassed. */
    default void nearLost() {
    }
}
