package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.catalog.expert.ExpertRatings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A trip's review aggregates (and its expert's), moved by deltas: one guarded statement takes the
 * trip's row lock, so concurrent reviews add up and an expert change of the trip cannot slip in
 * between reading the expert and crediting them.
 */
@Component
public class TripRatings {

    private final JdbcClient jdbc;
    private final ExpertRatings expertRatings;
    private final VersionedCache cache;

    TripRatings(JdbcClient jdbc, ExpertRatings expertRatings, VersionedCache cache) {
        this.jdbc = jdbc;
        this.expertRatings = expertRatings;
        this.cache = cache;
    }

    /** In the caller's transaction (the review change). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(long tripId, long count, long sum) {
        if (count == 0 && sum == 0) {
            return;
        }
        jdbc.sql("""
                UPDATE trip SET rating_count = rating_count + ?, rating_sum = rating_sum + ?,
                                version = version + 1, updated_at = now()
                WHERE id = ? RETURNING version, expert_id""")
                .params(count, sum, tripId)
                .query((rs, n) -> new Credited(rs.getLong(1), (Long) rs.getObject(2)))
                .optional()
                .ifPresent(credited -> {
                    cache.invalidateAfterCommit(TripCatalog.CACHE, tripId, credited.version());
                    if (credited.expertId() != null) {
                        expertRatings.add(credited.expertId(), count, sum);
                    }
                });
    }

    private record Credited(long version, Long expertId) {
    }
}
