package io.wayfarer.recommend.trip;

import java.sql.Array;
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

    static final int PRIOR_REVIEWS = 5;
    static final int PRIOR_RATING = 3;
    private static final String COLUMNS = "trip_id, title, destination_id, status, price, currency, cover_image_url";
    private static final String FACTS = "tags, average_rating, review_count, created_at";
    private static final String BEST_FIRST = "(coalesce(average_rating, 0) * coalesce(review_count, 0) + "
            + PRIOR_RATING * PRIOR_REVIEWS + ") / (coalesce(review_count, 0) + " + PRIOR_REVIEWS + ") DESC,"
            + " coalesce(review_count, 0) DESC, created_at DESC NULLS LAST, trip_id DESC";

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
                    store(answer.trip(), answer.facts(), answer.version());
                    found.put(id, answer.trip());
                }));
        return found;
    }

    public Optional<TripSummary> one(long id) {
        return Optional.ofNullable(find(List.of(id)).get(id));
    }

    /** Published trips of a destination (for similar trips when the model has no evidence), best first. */
    public List<TripSummary> publishedIn(long destinationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM trip_summary WHERE destination_id = ? AND status = 'published'"
                        + " ORDER BY " + BEST_FIRST + " LIMIT ?")
                .params(destinationId, limit).query(TripSummaries::summary).list();
    }

    /** Published trips sharing tags with {@code tags}, the most shared tags first, then best first. */
    public List<TripFacts.Trip> publishedSharingTags(List<String> tags, long except, int limit) {
        if (tags.isEmpty()) {
            return List.of();
        }
        String[] wanted = tags.toArray(String[]::new);
        return jdbc.sql("SELECT " + COLUMNS + ", " + FACTS + " FROM trip_summary"
                        + " WHERE status = 'published' AND tags && ?::text[] AND trip_id <> ?"
                        + " ORDER BY cardinality(ARRAY(SELECT unnest(tags) INTERSECT SELECT unnest(?::text[]))) DESC, "
                        + BEST_FIRST + " LIMIT ?")
                .params(wanted, except, wanted, limit).query(TripSummaries::withFacts).list();
    }

    /**
     * The catalogue's own ranking of published trips, for when behaviour says nothing: the average rating pulled
     * towards {@value #PRIOR_RATING}★ by {@value #PRIOR_REVIEWS} imaginary reviews (so one 5★ review does not beat
     * forty 4.8★ ones, and an unreviewed trip sits between good and poor ones), then more reviews, then the newest.
     */
    public List<TripFacts.Trip> bestPublished(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + FACTS + " FROM trip_summary WHERE status = 'published' ORDER BY "
                        + BEST_FIRST + " LIMIT ?")
                .param(limit).query(TripSummaries::withFacts).list();
    }

    /** What the catalogue says of a trip besides its summary; empty if the trip is not known locally. */
    public Optional<TripFacts> factsOf(long tripId) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + FACTS + " FROM trip_summary WHERE trip_id = ?")
                .param(tripId).query(TripSummaries::withFacts).optional().map(TripFacts.Trip::facts);
    }

    /** Writes a trip's state unless a newer version is already there; {@code facts} null: keep what is known. */
    void store(TripSummary trip, TripFacts facts, long version) {
        jdbc.sql("""
                INSERT INTO trip_summary (trip_id, title, destination_id, status, price, currency, cover_image_url,
                                          tags, average_rating, review_count, created_at, version, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (trip_id) DO UPDATE SET title = coalesce(excluded.title, trip_summary.title),
                    destination_id = coalesce(excluded.destination_id, trip_summary.destination_id),
                    status = excluded.status, price = coalesce(excluded.price, trip_summary.price),
                    currency = coalesce(excluded.currency, trip_summary.currency),
                    cover_image_url = CASE WHEN excluded.status = 'deleted' THEN trip_summary.cover_image_url
                                           ELSE excluded.cover_image_url END,
                    tags = coalesce(excluded.tags, trip_summary.tags),
                    average_rating = coalesce(excluded.average_rating, trip_summary.average_rating),
                    review_count = coalesce(excluded.review_count, trip_summary.review_count),
                    created_at = coalesce(excluded.created_at, trip_summary.created_at),
                    version = excluded.version, updated_at = excluded.updated_at
                WHERE trip_summary.version < excluded.version""")
                .params(trip.id(), truncate(trip.title(), 200), trip.destinationId(), trip.status(), trip.price(),
                        trip.currency(), truncate(trip.coverImageUrl(), 2000),
                        facts == null ? null : facts.tags().toArray(String[]::new),
                        facts == null ? null : facts.averageRating(), facts == null ? null : facts.reviewCount(),
                        facts == null || facts.createdAt() == null ? null : Timestamp.from(facts.createdAt()),
                        version, Timestamp.from(clock.instant()))
                .update();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static TripFacts.Trip withFacts(ResultSet rs, int row) throws SQLException {
        Array tags = rs.getArray(8);
        Timestamp created = rs.getTimestamp(11);
        TripFacts facts = new TripFacts(tags == null ? null : List.of((String[]) tags.getArray()), rs.getBigDecimal(9),
                rs.getLong(10), created == null ? null : created.toInstant());
        return new TripFacts.Trip(summary(rs, row), facts);
    }

    private static TripSummary summary(ResultSet rs, int row) throws SQLException {
        long destination = rs.getLong(3);
        return new TripSummary(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : destination, rs.getString(4),
                rs.getBigDecimal(5), rs.getString(6), rs.getString(7));
    }
}
