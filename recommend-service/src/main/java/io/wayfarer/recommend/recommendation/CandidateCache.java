package io.wayfarer.recommend.recommendation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.training.ModelSwapped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The model's answers per user and per trip (Caffeine, per instance), emptied when this instance swaps models.
 * Only the model's raw candidates are cached: what changes between trainings — purchases, a trip unpublished —
 * is applied on every read, from the database all instances share, so no instance can serve a stale exclusion.
 */
@Component
class CandidateCache {

    private final Cache<Key, List<Recommendation>> cache;

    CandidateCache(@Value("${wayfarer.recommend.cache.ttl:10m}") Duration ttl,
            @Value("${wayfarer.recommend.cache.max-entries:100000}") long maxEntries) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    List<Recommendation> forUser(UUID user, long modelVersion, Supplier<List<Recommendation>> compute) {
        return cache.get(new Key("user", user.toString(), modelVersion), key -> compute.get());
    }

    List<Recommendation> similarTo(long trip, long modelVersion, Supplier<List<Recommendation>> compute) {
        return cache.get(new Key("trip", String.valueOf(trip), modelVersion), key -> compute.get());
    }

    @EventListener
    void on(ModelSwapped swapped) {
        cache.invalidateAll();
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private record Key(String kind, String id, long modelVersion) {
    }
}
