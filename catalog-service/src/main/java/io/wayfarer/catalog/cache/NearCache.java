package io.wayfarer.catalog.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's copy of hot answers, in front of Redis (docs/cache.md, "The near cache"). It
 * keeps Redis's guarantees with the same two ideas, applied in memory:
 * <ul>
 * <li><b>floors</b>: every committed version announced on the floor channel (and this instance's
 * own commits, at once) is remembered per key; an entry older than it is dropped, and an offer older
 * than it is refused — so a reader that read v1 before v2's floor arrived cannot install v1 after;</li>
 * <li><b>generations</b>: an entry counts only in the generation of the channel subscription it was
 * read under. A lost or renewed subscription, or floors forgotten early, start a new generation, so
 * whatever was read while messages could have been missed is never answered.</li>
 * </ul>
 * It answers only while the channel has proved, less than {@code liveness} ago, that it delivers
 * (a PING answered on the subscribing connection): every floor published before that PING has been
 * applied, which bounds how long another instance's commit can go unseen here.
 */
final class NearCache {

    private static final int STRIPES = 64;
    /** What {@link #answer} returns while the channel is not proven live: the read goes to Redis. */
    static final Entry BYPASSED = new Entry(Long.MIN_VALUE, Optional.empty(), -1);

    private final CacheProperties.Near settings;
    private final long maxLoadAgeNanos;
    private final long floorLifeNanos;
    private final long livenessNanos;
    private final Map<String, Level> levels = new ConcurrentHashMap<>();
    /** Odd while the floor channel is subscribed; every change of subscription (or forgotten floors) moves it. */
    private final AtomicLong generation = new AtomicLong();
    /** nanoTime at which the channel last proved it delivers: every floor published before then is applied. */
    private volatile long confirmedAt;

    NearCache(CacheProperties properties) {
        this.settings = properties.near();
        this.maxLoadAgeNanos = properties.maxLoadAge().toNanos();
        this.floorLifeNanos = properties.nearFloorLife().toNanos();
        this.livenessNanos = settings.liveness().toNanos();
    }

    /** Taken before a read begins (before its Redis GET): what the read may later offer is judged by it. */
    Ticket ticket() {
        return new Ticket(generation.get(), System.nanoTime());
    }

    /**
     * The entry to answer with; null when none is held, it is too old, or the near cache is off;
     * {@link #BYPASSED} when the channel is not proven live.
     */
    Entry answer(String cache, String id) {
        if (!settings.enabled()) {
            return null;
        }
        long current = generation.get();
        if ((current & 1) == 0 || System.nanoTime() - confirmedAt >= livenessNanos) {
            return BYPASSED;
        }
        Entry entry = level(cache).entries.getIfPresent(id);
        return entry != null && entry.generation == current ? entry : null;
    }

    /**
     * Offers what a read found. Refused when the read began while unsubscribed or in another
     * generation, took longer than max-load-age (its floor may already be forgotten), or is older
     * than a floor that arrived meanwhile.
     */
    void offer(Ticket ticket, String cache, String id, Optional<? extends Versioned<?>> answer) {
        long version = VersionedCache.versionOf(answer);
        Level level = level(cache);
        synchronized (level.stripe(id)) {
            Floor floor = level.floors.get(id);
            if ((ticket.generation & 1) == 0 || ticket.generation != generation.get()
                    || System.nanoTime() - ticket.startedAt > maxLoadAgeNanos
                    || (floor != null && version < floor.version)) {
                return;
            }
            Entry held = level.entries.getIfPresent(id);
            if (held == null || held.generation != ticket.generation || held.version < version) {
                level.entries.put(id, new Entry(version, answer, ticket.generation));
            }
        }
    }

    /** A commit of {@code version}: drop older entries, refuse older offers from now on. */
    void applyFloor(String cache, String id, long version) {
        Level level = level(cache);
        synchronized (level.stripe(id)) {
            level.floors.merge(id, new Floor(version, System.nanoTime()),
                    (held, arrived) -> held.version >= arrived.version ? new Floor(held.version, arrived.arrivedAt) : arrived);
            Entry held = level.entries.getIfPresent(id);
            if (held != null && held.version < version) {
                level.entries.invalidate(id);
            }
        }
        if (level.floors.size() > settings.maxFloors()) {
            forgetAllFloors(level);
        }
    }

    /**
     * Floors only need to outlive the reads that began before they arrived; reads older than
     * max-load-age offer nothing, so a floor older than twice that is forgotten.
     */
    void forgetOldFloors() {
        long now = System.nanoTime();
        for (Level level : levels.values()) {
            level.floors.forEach((id, floor) -> {
                if (now - floor.arrivedAt > floorLifeNanos) {
                    synchronized (level.stripe(id)) {
                        level.floors.remove(id, floor);
                    }
                }
            });
        }
    }

    /** The channel is subscribed (SUBSCRIBE sent at {@code sentAt}): a new generation, nothing older answers. */
    void subscribed(long sentAt) {
        generation.updateAndGet(g -> (g | 1) + 2);
        confirmedAt = sentAt;
        levels.values().forEach(level -> level.entries.invalidateAll());
    }

    /** The channel dropped: floors may be missed from now on, so nothing read from now on is kept. */
    void lost() {
        generation.updateAndGet(g -> (g & 1) == 1 ? g + 1 : g);
    }

    /** A PING sent at {@code sentAt} came back: every floor published before it has been applied. */
    void confirmed(long sentAt) {
        if (sentAt > confirmedAt) {
            confirmedAt = sentAt;
        }
    }

    long confirmedAt() {
        return confirmedAt;
    }

    boolean live() {
        return (generation.get() & 1) == 1 && System.nanoTime() - confirmedAt < livenessNanos;
    }

    /** The version this instance would answer for the key now (tests, diagnostics). */
    Optional<Long> version(String cache, String id) {
        Entry entry = answer(cache, id);
        return entry == null || entry == BYPASSED ? Optional.empty() : Optional.of(entry.version());
    }

    /**
     * Too many floors at once (a bulk load): start a new generation first, so no read that began
     * before any of them can still be offered, then forget them all.
     */
    private void forgetAllFloors(Level level) {
        generation.updateAndGet(g -> (g & 1) == 1 ? g + 2 : g);
        level.floors.clear();
    }

    private Level level(String cache) {
        return levels.computeIfAbsent(cache, name -> new Level(settings));
    }

    /** When a read began, and under which subscription generation. */
    record Ticket(long generation, long startedAt) {
    }

    /** One held answer: the row's version, the answer (empty = no such id), its generation. */
    record Entry(long version, Optional<? extends Versioned<?>> answer, long generation) {
    }

    private record Floor(long version, long arrivedAt) {
    }

    /** One cache's entries and floors; offers and floors of one key are serialised on its stripe. */
    private static final class Level {
        final Cache<String, Entry> entries;
        final Map<String, Floor> floors = new ConcurrentHashMap<>();
        private final Object[] stripes = new Object[STRIPES];

        Level(CacheProperties.Near settings) {
            this.entries = Caffeine.newBuilder().maximumSize(settings.maxEntries())
                    .expireAfterWrite(settings.maxAge()).build();
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Object();
            }
        }

        Object stripe(String id) {
            return stripes[(id.hashCode() & 0x7fffffff) % STRIPES];
        }
    }
}
