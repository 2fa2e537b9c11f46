package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.catalog.expert.ExpertRatings;
import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A trip's review aggregates (and its expert's), moved by deltas: one guarded statement takes the
 * trip's row lock, so concurrent reviews add up and an expert change of the trip cannot slip in
 * between reading the expert and crediting them. The trip's new aggregates are announced like any
 * other change of the trip ({@code product.updated}), so consumers' projections rank by fresh ratings.
 */
@Component
public class TripRatings {

    private final JdbcClient jdbc;
    private final ExpertRatings expertRatings;
    private final VersionedCache cache;
    private final EntityManager entities;
    private final TripEvents events;

    TripRatings(JdbcClient jdbc, ExpertRatings expertRatings, VersionedCache cache, EntityManager entities,
            TripEvents events) {
        this.jdbc = jdbc;
        this.expertRatings = expertRatings;
        this.cache = cache;
        this.entities = entities;
        this.events = events;
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
                    announce(tripId);
                    if (credited.expertId() != null) {
                        expertRatings.add(credited.expertId(), count, sum);
                    }
                });
    }

    /** The row was changed by SQL: a copy this transaction already holds would be stale, so read it again. */
    private void announce(long tripId) {
        Trip trip = entities.find(Trip.class, tripId);
        if (trip != null) {
            entities.refresh(trip);
            events.updated(trip.view());
        }
    }

    private record Credited(long version, Long expertId) {
    }
}
