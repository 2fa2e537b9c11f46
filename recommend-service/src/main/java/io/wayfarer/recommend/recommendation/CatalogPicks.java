package io.wayfarer.recommend.recommendation;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.wayfarer.recommend.trip.TripFacts;
import io.wayfarer.recommend.trip.TripSummaries;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The last fill of both reads, for when behaviour says too little (a fresh platform, a catalogue larger than what
 * travellers touched): published trips as the catalogue ranks them — reviews, then the newest
 * ({@link TripSummaries#bestPublished}). One ranking for everybody, recomputed at most every
 * {@code popularity-refresh}; whether a trip is still published is checked again on every read.
 */
@Component
class CatalogPicks {

    static final int SIZE = 200;

    private final TripSummaries trips;
    private final LoadingCache<Boolean, List<TripFacts.Trip>> ranking;

    CatalogPicks(TripSummaries trips, @Value("${wayfarer.recommend.popularity-refresh:1m}") Duration refresh) {
        this.trips = trips;
        this.ranking = Caffeine.newBuilder().expireAfterWrite(refresh).build(key -> trips.bestPublished(SIZE));
    }

    /** Published trips (as of the last refresh), best first, with what the catalogue says of them. */
    List<TripFacts.Trip> ranking() {
        return ranking.get(Boolean.TRUE);
    }
}
