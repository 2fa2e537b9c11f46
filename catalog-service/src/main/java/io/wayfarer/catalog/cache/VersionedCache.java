package io.wayfarer.catalog.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside in Redis for reads by id, correct under concurrency (docs/cache.md):
 * <ul>
 * <li>entries carry the row's version and are written only by a compare-and-set that refuses
 * anything older than what the key holds;</li>
 * <li>after a commit the writer leaves a <em>floor</em> (the new version) under the key, so a
 * reader that loaded the old row before the commit can no longer write it back;</li>
 * <li>one database read per key and instance at a time (single flight), cached "not found",
 * jittered TTLs;</li>
 * <li>Redis down or slow: served from PostgreSQL; invalidations that could not reach Redis are
 * retried until they do, and this instance bypasses Redis for those keys meanwhile;</li>
 * <li>in front of Redis, a {@link NearCache} in this instance's memory, guarded by the same floors
 * (announced to every instance on the {@link FloorChannel}) and bypassed while that channel is not
 * proven live.</li>
 * </ul>
 */
public class VersionedCache implements DisposableBean {

    private final RedisEntries redis;
    private final CacheProperties properties;
    private final JsonMapper json;
    private final List<CacheListener> listeners;
    private final String prefix;
    private final NearCache near;
    private final String floorChannel;
    private final Map<String, CompletableFuture<Optional<? extends Versioned<?>>>> flights = new ConcurrentHashMap<>();
    private final Map<String, Long> pendingInvalidations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService repairer;

    VersionedCache(RedisEntries redis, CacheProperties properties, JsonMapper json, List<CacheListener> listeners,
            String prefix, NearCache near) {
        this.redis = redis;
        this.properties = properties;
        this.json = json;
        this.listeners = List.copyOf(listeners);
        this.prefix = prefix;
        this.near = near;
        this.floorChannel = floorChannel(prefix);
        this.repairer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cache-invalidation-repair");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.repairInterval().toMillis();
        repairer.scheduleWithFixedDelay(this::retryPendingInvalidations, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The row with this id: from the near cache or Redis when they hold a current entry, else from
     * {@code loader} (the database), offered to Redis and the near cache afterwards.
     *
     * @return empty when no row has this id; a {@link Versioned#gone()} value when it was deleted
     */
    @SuppressWarnings("unchecked")
    public <T> Optional<Versioned<T>> read(String cache, Object id, Class<T> type,
            Supplier<Optional<Versioned<T>>> loader) {
        if (!properties.enabled() || insideWritingTransaction()) {
            // a writing transaction may read its own uncommitted rows: never let them near the cache
            return loader.get();
        }
        String key = key(cache, id);
        if (pendingInvalidations.containsKey(key)) {
            return loader.get();
        }
        String nearId = String.valueOf(id);
        NearCache.Entry held = near.answer(cache, nearId);
        if (held == NearCache.BYPASSED) {
            listeners.forEach(listener -> listener.nearBypassed(cache, id));
        } else if (held != null) {
            listeners.forEach(listener -> listener.nearHit(cache, id));
            return (Optional<Versioned<T>>) held.answer();
        }
        // taken before Redis is read: a floor arriving after this refuses what the read offers
        NearCache.Ticket ticket = near.ticket();
        Optional<RedisEntries.Lookup> found = redis.get(key);
        if (found.isPresent() && found.get().answers()) {
            Optional<Optional<Versioned<T>>> decoded = found.get().entry().answer(type, json);
            if (decoded.isPresent()) {
                listeners.forEach(listener -> listener.hit(cache, id));
                offerNear(ticket, cache, id, decoded.get());
                return decoded.get();
            }
        }
        listeners.forEach(listener -> listener.miss(cache, id));
        long floor = found.map(RedisEntries.Lookup::floor).orElse(Long.MIN_VALUE);
        boolean offerToRedis = found.isPresent();
        Optional<Versioned<T>> loaded = singleFlight(key, () -> {
            // the leader looks once more: a flight that just ended may have filled the key
            Optional<Optional<Versioned<T>>> filled = offerToRedis ? current(key, type) : Optional.empty();
            filled.ifPresent(answer -> offerNear(ticket, cache, id, answer));
            return filled.orElseGet(() -> loadAndFill(cache, id, key, loader, offerToRedis, ticket));
        });
        if (versionOf(loaded) < floor) {
            // joined a load that started before the commit that left this floor: read again
            loaded = loadAndFill(cache, id, key, loader, offerToRedis, ticket);
        }
        return loaded;
    }

    /**
     * Invalidates the entry once the current transaction commits (at once without one):
     * {@code version} is the row's version as committed.
     */
    public void invalidateAfterCommit(String cache, Object id, long version) {
        Runnable invalidation = () -> invalidateNow(cache, id, version);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidation.run();
                }
            });
        } else {
            invalidation.run();
        }
    }

    /** Keys whose invalidation has not reached Redis yet (this instance serves them from PostgreSQL). */
    public int pendingInvalidations() {
        return pendingInvalidations.size();
    }

    /** The Redis key of one entry: {@code <key-prefix>catalog:v1:<database epoch>:<cache>:<id>}. */
    public String key(String cache, Object id) {
        return prefix + cache + ":" + id;
    }

    /** The version this instance's near cache would answer for the key now (tests, diagnostics). */
    public Optional<Long> nearVersion(String cache, Object id) {
        return near.version(cache, String.valueOf(id));
    }

    /** True while the near cache answers: its floor channel is subscribed and proven live. */
    public boolean nearLive() {
        return near.live();
    }

    /** The pub/sub channel of floor announcements: {@code <key-prefix>catalog:v1:<database epoch>:floors}. */
    static String floorChannel(String prefix) {
        return prefix + "floors";
    }

    private void invalidateNow(String cache, Object id, long version) {
        String key = key(cache, id);
        listeners.forEach(listener -> listener.invalidating(cache, id, version));
        // this instance first, before the write request returns; the others through the channel
        near.applyFloor(cache, String.valueOf(id), version);
        flights.remove(key);
        if (!redis.invalidate(key, version, properties.ttl(), floorChannel, announcement(key, version))) {
            pendingInvalidations.merge(key, version, Math::max);
        }
    }

    private void retryPendingInvalidations() {
        pendingInvalidations.forEach((key, version) -> {
            if (redis.invalidate(key, version, properties.ttl(), floorChannel, announcement(key, version))) {
                pendingInvalidations.remove(key, version);
            }
        });
    }

    /** What the floor channel carries for a commit: {@code <cache>|<id>|<version>}. */
    private String announcement(String key, long version) {
        String cacheAndId = key.substring(prefix.length());
        int colon = cacheAndId.indexOf(':');
        return cacheAndId.substring(0, colon) + "|" + cacheAndId.substring(colon + 1) + "|" + version;
    }

    private void offerNear(NearCache.Ticket ticket, String cache, Object id, Optional<? extends Versioned<?>> answer) {
        long version = versionOf(answer);
        listeners.forEach(listener -> listener.nearOffering(cache, id, version));
        near.offer(ticket, cache, String.valueOf(id), answer);
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Versioned<T>> singleFlight(String key, Supplier<Optional<Versioned<T>>> load) {
        CompletableFuture<Optional<? extends Versioned<?>>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<? extends Versioned<?>>> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return (Optional<Versioned<T>>) running.get(properties.maxLoadAge().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return load.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return load.get();
            }
        }
        try {
            Optional<Versioned<T>> result = load.get();
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    private <T> Optional<Optional<Versioned<T>>> current(String key, Class<T> type) {
        return redis.get(key).filter(RedisEntries.Lookup::answers).flatMap(lookup -> lookup.entry().answer(type, json));
    }

    private <T> Optional<Versioned<T>> loadAndFill(String cache, Object id, String key,
            Supplier<Optional<Versioned<T>>> loader, boolean offerToRedis, NearCache.Ticket ticket) {
        long started = System.nanoTime();
        Optional<Versioned<T>> row = loader.get();
        long version = versionOf(row);
        listeners.forEach(listener -> listener.loaded(cache, id, version));
        boolean fresh = System.nanoTime() - started < properties.maxLoadAge().toNanos();
        if (offerToRedis && fresh && !pendingInvalidations.containsKey(key)) {
            redis.fill(key, CacheEntry.of(row, json), ttlFor(row));
            offerNear(ticket, cache, id, row);
        }
        return row;
    }

    /** TTL with jitter, so entries filled together (a restart, a burst) do not expire together. */
    Duration ttlFor(Optional<? extends Versioned<?>> row) {
        Duration base = row.isEmpty() ? properties.notFoundTtl() : properties.ttl();
        double factor = 1 + ThreadLocalRandom.current().nextDouble() * properties.ttlJitter();
        return Duration.ofMillis((long) (base.toMillis() * factor));
    }

    private static boolean insideWritingTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    static long versionOf(Optional<? extends Versioned<?>> row) {
        return row.map(Versioned::version).orElse(Versioned.ABSENT);
    }

    @Override
    public void destroy() {
        repairer.shutdownNow();
    }
}
