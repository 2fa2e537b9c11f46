package io.wayfarer.catalog.expert;

import io.wayfarer.catalog.cache.VersionedCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The expert's review aggregates, moved by deltas in one guarded statement each: concurrent
 * reviews add up instead of overwriting each other, and the version bump invalidates the cache.
 */
@Component
public class ExpertRatings {

    private final JdbcClient jdbc;
    private final VersionedCache cache;

    ExpertRatings(JdbcClient jdbc, VersionedCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    /** Adds {@code count} reviews with rating total {@code sum} (negative to remove); in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(long expertId, long count, long sum) {
        if (count == 0 && sum == 0) {
            return;
        }
        jdbc.sql("""
                UPDATE expert SET rating_count = rating_count + ?, rating_sum = rating_sum + ?,
                                  version = version + 1, updated_at = now()
                WHERE id = ? RETURNING version""")
                .params(count, sum, expertId)
                .query(Long.class).optional()
                .ifPresent(version -> cache.invalidateAfterCommit(ExpertCatalog.CACHE, expertId, version));
    }
}
