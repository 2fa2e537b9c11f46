package io.wayfarer.catalog;

import io.wayfarer.catalog.cache.CacheListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts database reads per key and runs a test's script at the cache's hook points, so a test
 * can stop a reader right after its database read or before it offers to the near cache, a writer
 * right before its invalidation, or the floor channel before it subscribes again.
 */
public class ScriptedCacheListener implements CacheListener {

    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger nearHits = new AtomicInteger();
    private final AtomicLong channelClient = new AtomicLong(-1);
    private volatile Hook afterLoad = (cache, id, version) -> { };
    private volatile Hook beforeInvalidate = (cache, id, version) -> { };
    private volatile Hook beforeNearOffer = (cache, id, version) -> { };
    private volatile Hook afterFloorReceived = (cache, id, version) -> { };
    private volatile Runnable beforeSubscribe = () -> { };

    /** Called on the thread that just read the row, before it offers the row to Redis. */
    public void afterLoad(Hook hook) {
        this.afterLoad = hook;
    }

    /** Called on the writer's thread after its commit, before the invalidation reaches Redis. */
    public void beforeInvalidate(Hook hook) {
        this.beforeInvalidate = hook;
    }

    /** Called on a reader's thread after it read Redis or the database, before it offers to the near cache. */
    public void beforeNearOffer(Hook hook) {
        this.beforeNearOffer = hook;
    }

    /** Called on the floor channel's thread after a floor was applied to the near cache. */
    public void afterFloorReceived(Hook hook) {
        this.afterFloorReceived = hook;
    }

    /** Called on the floor channel's thread before each (re)subscription: a test can hold it there. */
    public void beforeSubscribe(Runnable hook) {
        this.beforeSubscribe = hook;
    }

    public int loads(String cache, Object id) {
        AtomicInteger count = loads.get(cache + ":" + id);
        return count == null ? 0 : count.get();
    }

    /** Reads answered by Redis. */
    public int hits() {
        return hits.get();
    }

    /** Reads answered by the near cache. */
    public int nearHits() {
        return nearHits.get();
    }

    /** The Redis client id of the floor channel's current subscription (-1 before the first one). */
    public long channelClient() {
        return channelClient.get();
    }

    public void reset() {
        hits.set(0);
        nearHits.set(0);
        afterLoad = (cache, id, version) -> { };
        beforeInvalidate = (cache, id, version) -> { };
        beforeNearOffer = (cache, id, version) -> { };
        afterFloorReceived = (cache, id, version) -> { };
        beforeSubscribe = () -> { };
        loads.clear();
    }

    @Override
    public void hit(String cache, Object id) {
        hits.incrementAndGet();
    }

    @Override
    public void nearHit(String cache, Object id) {
        nearHits.incrementAndGet();
    }

    @Override
    public void loaded(String cache, Object id, long version) {
        loads.computeIfAbsent(cache + ":" + id, key -> new AtomicInteger()).incrementAndGet();
        afterLoad.run(cache, id, version);
    }

    @Override
    public void invalidating(String cache, Object id, long version) {
        beforeInvalidate.run(cache, id, version);
    }

    @Override
    public void nearOffering(String cache, Object id, long version) {
        beforeNearOffer.run(cache, id, version);
    }

    @Override
    public void floorReceived(String cache, String id, long version) {
        afterFloorReceived.run(cache, id, version);
    }

    @Override
    public void nearSubscribing() {
        beforeSubscribe.run();
    }

    @Override
    public void nearSubscribed(long clientId) {
        channelClient.set(clientId);
    }

    /** A step of a scripted interleaving. */
    @FunctionalInterface
    public interface Hook {
        void run(String cache, Object id, long version);
    }
}
