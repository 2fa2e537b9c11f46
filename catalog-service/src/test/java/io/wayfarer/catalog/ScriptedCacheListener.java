package io.wayfarer.catalog;

import io.wayfarer.catalog.cache.CacheListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts database reads per key and runs a test's script at the cache's hook points, so a test
 * can stop a reader right after its database read, or a writer right before its invalidation.
 */
public class ScriptedCacheListener implements CacheListener {

    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private volatile Hook afterLoad = (cache, id, version) -> { };
    private volatile Hook beforeInvalidate = (cache, id, version) -> { };

    /** Called on the thread that just read the row, before it offers the row to Redis. */
    public void afterLoad(Hook hook) {
        this.afterLoad = hook;
    }

    /** Called on the writer's thread after its commit, before the invalidation reaches Redis. */
    public void beforeInvalidate(Hook hook) {
        this.beforeInvalidate = hook;
    }

    public int loads(String cache, Object id) {
        AtomicInteger count = loads.get(cache + ":" + id);
        return count == null ? 0 : count.get();
    }

    public int hits() {
        return hits.get();
    }

    public void reset() {
        hits.set(0);
        afterLoad = (cache, id, version) -> { };
        beforeInvalidate = (cache, id, version) -> { };
        loads.clear();
    }

    @Override
    public void hit(String cache, Object id) {
        hits.incrementAndGet();
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

    /** A step of a scripted interleaving. */
    @FunctionalInterface
    public interface Hook {
        void run(String cache, Object id, long version);
    }
}
