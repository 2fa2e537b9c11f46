package io.wayfarer.recommend.recommendation;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Popularity, the answer for users and trips the model knows nothing about (cold start): published trips by
 * how many different travellers interacted with them within {@code popularity-window}, recomputed at most every
 * {@code popularity-refresh}. Independent of any trained model, so it works before the first training.
 */
@Component
class PopularTrips {

    static final int SIZE = 200;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration window;
    private final LoadingCache<Boolean, List<Long>> ranking;

    PopularTrips(JdbcClient jdbc, Clock clock,
            @Value("${wayfarer.recommend.popularity-window:90d}") Duration window,
            @Value("${wayfarer.recommend.popularity-refresh:1m}") Duration refresh) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
        this.ranking = Caffeine.newBuilder().expireAfterWrite(refresh).build(key -> compute());
    }

    /** Trip ids, most popular first. */
    List<Long> ranking() {
        return ranking.get(Boolean.TRUE);
    }

    private List<Long> compute() {
        return jdbc.sql("""
                SELECT e.trip_id FROM behaviour_event e
                JOIN trip_summary t ON t.trip_id = e.trip_id AND t.status = 'published'
                WHERE e.occurred_at > ? AND e.signal <> 'unrate'
                GROUP BY e.trip_id ORDER BY count(DISTINCT e.user_id) DESC, e.trip_id DESC LIMIT ?""")
                .params(Timestamp.from(clock.instant().minus(window)), SIZE)
                .query(Long.class).list();
    }

    void forget() {
        ranking.invalidateAll();
    }
}
