package io.wayfarer.recommend.trip;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The local projection of trips ({@code trip_summary}), kept by product events and filled from catalog-service
 * on a miss. Every write is guarded by the trip's version, so duplicates, replays and a Feign answer racing an
 * event all end at the newest state.
 */
@Component
public class TripSummaries {

    /** How many unknown trips one request may look up in catalog-service (the rest are left out). */
    static final int MAX_LOOKUPS_PER_CALL = 3;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Clock clock;

    TripSummaries(JdbcClient jdbc, Catalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The trips known locally or to catalog-service; a trip neither can say anything about is absent. */
    public Map<Long, TripSummary> find(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, TripSummary> found = new HashMap<>();
        jdbc.sql("""
                SELECT trip_id, title, destination_id, status, price, currency, cover_image_url FROM trip_summary
                WHERE trip_id = ANY(?)""")
                .param(ids.stream().distinct().toArray(Long[]::new))
                .query(TripSummaries::summary).list()
                .forEach(summary -> found.put(summary.id(), summary));
        ids.stream().distinct().filter(id -> !found.containsKey(id)).limit(MAX_LOOKUPS_PER_CALL)
                .forEach(id -> catalog.trip(id).ifPresent(answer -> {
                    store(answer.trip(), answer.version());
                    found.put(id, answer.trip());
                }));
        return found;
    }

    public Optional<TripSummary> one(long id) {
        return Optional.ofNullable(find(List.of(id)).get(id));
    }

    /** Published trips of a destination (for similar trips when the model has no evidence). */
    public List<TripSummary> publishedIn(long destinationId, int limit) {
        return jdbc.sql("""
                SELECT trip_id, title, destination_id, status, price, currency, cover_image_url FROM trip_summary
                WHERE destination_id = ? AND status = 'published' ORDER BY trip_id DESC LIMIT ?""")
                .params(destinationId, limit).query(TripSummaries::summary).list();
    }

    /** The newest published trips (popularity's fallback on a service with no behaviour yet). */
    public List<TripSummary> newestPublished(int limit) {
        return jdbc.sql("""
                SELECT trip_id, title, destination_id, status, price, currency, cover_image_url FROM trip_summary
                WHERE status = 'published' ORDER BY trip_id DESC LIMIT ?""")
                .param(limit).query(TripSummaries::summary).list();
    }

    /** Writes a trip's state unless a newer version is already there. */
    void store(TripSummary trip, long version) {
        jdbc.sql("""
                INSERT INTO trip_summary (trip_id, title, destination_id, status, price, currency, cover_image_url,
                                          version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (trip_id) DO UPDATE SET title = coalesce(excluded.title, trip_summary.title),
                    destination_id = coalesce(excluded.destination_id, trip_summary.destination_id),
                    status = excluded.status, price = coalesce(excluded.price, trip_summary.price),
                    currency = coalesce(excluded.currency, trip_summary.currency),
                    cover_image_url = CASE WHEN excluded.status = 'deleted' THEN trip_summary.cover_image_url
                                           ELSE excluded.cover_image_url END,
                    version = excluded.version, updated_at = excluded.updated_at
                WHERE trip_summary.version < excluded.version""")
                .params(trip.id(), truncate(trip.title(), 200), trip.destinationId(), trip.status(), trip.price(),
                        trip.currency(), truncate(trip.coverImageUrl(), 2000), version,
                        Timestamp.from(clock.instant()))
                .update();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static TripSummary summary(ResultSet rs, int row) throws SQLException {
        long destination = rs.getLong(3);
        return new TripSummary(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : destination, rs.getString(4),
                rs.getBigDecimal(5), rs.getString(6), rs.getString(7));
    }
}
