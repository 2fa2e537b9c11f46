package io.wayfarer.catalog.demo;

import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.catalog.demo.DemoContent.Guide;
import io.wayfarer.catalog.demo.DemoContent.Place;
import io.wayfarer.catalog.demo.DemoContent.Theme;
import io.wayfarer.catalog.expert.ExpertCatalog;
import io.wayfarer.catalog.trip.TripCatalog;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the demo catalogue deterministically (trip n is always the same trip), for the local
 * launcher (≥ 30 destinations, 200+ trips, 12 experts, departures, reviews) and for load tests
 * (10k+ trips). Idempotent: rows are recognised by their names and titles, so a restart — or a
 * second instance starting at the same time, serialised by an advisory lock — adds only what is
 * missing. Writes straight to the tables (a bulk load), then invalidates the cache keys it touched and
 * announces the new trips ({@code product.created}, in the same transaction).
 */
@Component
class CatalogueGenerator {

    private static final long DEMO_LOCK = 0x5741_5946_4445_4d4fL; // "WAYFDEMO"
    private static final Instant EPOCH = Instant.parse("2026-01-05T02:00:00Z");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final VersionedCache cache;
    private final TripCatalog tripCatalog;

    CatalogueGenerator(JdbcTemplate jdbc, TransactionTemplate transactions, VersionedCache cache,
            TripCatalog tripCatalog) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cache = cache;
        this.tripCatalog = tripCatalog;
    }

    /** Makes sure demo trips 0 … trips-1 exist (with places, guides, departures, reviews); returns how many were added. */
    int ensure(int trips) {
        Integer added = transactions.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", DEMO_LOCK);
            List<Long> places = ensurePlaces();
            List<Long> guides = ensureGuides();
            List<DemoTrip> missing = missingTrips(trips, places, guides);
            tripCatalog.announceLoaded(insert(missing));
            jdbc.update("""
                    UPDATE expert e SET rating_count = s.c, rating_sum = s.s, version = e.version + 1
                    FROM (SELECT expert_id, sum(rating_count) AS c, sum(rating_sum) AS s FROM trip
                          WHERE deleted_at IS NULL AND expert_id IS NOT NULL GROUP BY expert_id) s
                    WHERE e.id = s.expert_id AND (e.rating_count, e.rating_sum) <> (s.c, s.s)""");
            for (Map<String, Object> expert : jdbc.queryForList("SELECT id, version FROM expert WHERE id = ANY(?)",
                    (Object) guides.toArray(Long[]::new))) {
                cache.invalidateAfterCommit(ExpertCatalog.CACHE, expert.get("id"), ((Number) expert.get("version")).longValue());
            }
            return missing.size();
        });
        return added == null ? 0 : added;
    }

    private List<Long> ensurePlaces() {
        List<Long> ids = new ArrayList<>();
        for (Place place : DemoContent.PLACES) {
            List<Long> found = jdbc.queryForList("SELECT id FROM destination WHERE name = ? AND country = ? "
                    + "AND deleted_at IS NULL ORDER BY id LIMIT 1", Long.class, place.name(), place.country());
            ids.add(found.isEmpty() ? jdbc.queryForObject("""
                    INSERT INTO destination (name, country, region, description, tags) VALUES (?, ?, ?, ?, ?)
                    RETURNING id""", Long.class, place.name(), place.country(), place.region(), place.description(),
                    textArray(place.tags())) : found.get(0));
        }
        return ids;
    }

    private List<Long> ensureGuides() {
        List<Long> ids = new ArrayList<>();
        for (Guide guide : DemoContent.GUIDES) {
            List<Long> found = jdbc.queryForList("SELECT id FROM expert WHERE display_name = ? AND deleted_at IS NULL "
                    + "ORDER BY id LIMIT 1", Long.class, guide.name());
            ids.add(found.isEmpty() ? jdbc.queryForObject("""
                    INSERT INTO expert (display_name, bio, languages, specialties) VALUES (?, ?, ?, ?) RETURNING id""",
                    Long.class, guide.name(), guide.bio(), textArray(guide.languages()), textArray(guide.specialties()))
                    : found.get(0));
        }
        return ids;
    }

    private List<DemoTrip> missingTrips(int trips, List<Long> places, List<Long> guides) {
        List<DemoTrip> all = new ArrayList<>();
        for (int n = 0; n < trips; n++) {
            all.add(DemoTrip.number(n, places, guides));
        }
        Set<String> existing = new HashSet<>(jdbc.queryForList("SELECT title FROM trip WHERE title = ANY(?)", String.class,
                (Object) all.stream().map(DemoTrip::title).toArray(String[]::new)));
        return all.stream().filter(trip -> !existing.contains(trip.title())).toList();
    }

    /** Inserts the trips with their departures and reviews; the new trips' ids. */
    private Collection<Long> insert(List<DemoTrip> trips) {
        Map<String, Long> ids = new HashMap<>();
        for (int from = 0; from < trips.size(); from += 500) {
            List<DemoTrip> batch = trips.subList(from, Math.min(trips.size(), from + 500));
            jdbc.batchUpdate("""
                    INSERT INTO trip (title, summary, description, destination_id, expert_id, price, currency,
                                      duration_days, tags, cover_image_url, status, rating_count, rating_sum,
                                      created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (ps, trip) -> {
                ps.setString(1, trip.title());
                ps.setString(2, trip.summary());
                ps.setString(3, trip.description());
                ps.setLong(4, trip.destinationId());
                ps.setLong(5, trip.expertId());
                ps.setBigDecimal(6, trip.price());
                ps.setInt(7, trip.days());
                ps.setArray(8, ps.getConnection().createArrayOf("text", trip.tags().toArray()));
                ps.setString(9, trip.coverImageUrl());
                ps.setString(10, trip.status());
                ps.setLong(11, trip.ratings().size());
                ps.setLong(12, trip.ratings().stream().mapToInt(Integer::intValue).sum());
                ps.setTimestamp(13, Timestamp.from(trip.createdAt()));
                ps.setTimestamp(14, Timestamp.from(trip.createdAt()));
            });
            jdbc.query("SELECT id, title FROM trip WHERE title = ANY(?)", rs -> {
                ids.put(rs.getString(2), rs.getLong(1));
            }, (Object) batch.stream().map(DemoTrip::title).toArray(String[]::new));
        }
        List<Object[]> departures = new ArrayList<>();
        List<Object[]> reviews = new ArrayList<>();
        LocalDate today = LocalDate.now();
        for (DemoTrip trip : trips) {
            long id = ids.get(trip.title());
            cache.invalidateAfterCommit(TripCatalog.CACHE, id, 0);
            for (DemoTrip.Leaving leaving : trip.departures()) {
                departures.add(new Object[] {id, Date.valueOf(today.plusDays(leaving.inDays())), leaving.seats(),
                        leaving.seatsLeft()});
            }
            for (int k = 0; k < trip.ratings().size(); k++) {
                int reviewer = trip.reviewer(k);
                reviews.add(new Object[] {id, UUID.nameUUIDFromBytes(("demo-reviewer-" + reviewer).getBytes()),
                        DemoContent.REVIEWERS.get(reviewer), trip.ratings().get(k),
                        DemoContent.REVIEW_TEXTS.get((trip.number() + k) % DemoContent.REVIEW_TEXTS.size()),
                        Timestamp.from(trip.createdAt().plus(10L + k * 9L, ChronoUnit.DAYS))});
            }
        }
        jdbc.batchUpdate("INSERT INTO departure (trip_id, starts_on, seats_total, seats_left) VALUES (?, ?, ?, ?)",
                departures);
        jdbc.batchUpdate("""
                INSERT INTO review (trip_id, user_id, author_name, rating, text, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", reviews.stream().map(r -> new Object[] {r[0], r[1], r[2], r[3], r[4],
                r[5], r[5]}).toList());
        return ids.values();
    }

    private Array textArray(List<String> values) {
        return jdbc.execute((ConnectionCallback<Array>) connection -> connection.createArrayOf("text", values.toArray()));
    }

    /** One generated trip; everything follows from its number. */
    record DemoTrip(int number, String title, String summary, String description, long destinationId, long expertId,
            BigDecimal price, int days, List<String> tags, String coverImageUrl, String status, Instant createdAt,
            List<Leaving> departures, List<Integer> ratings) {

        record Leaving(int inDays, int seats, int seatsLeft) {
        }

        static DemoTrip number(int n, List<Long> places, List<Long> guides) {
            Random random = new Random(7_000L + n);
            int placeIndex = n % places.size();
            Place place = DemoContent.PLACES.get(placeIndex);
            Theme theme = DemoContent.THEMES.get((n / places.size()) % DemoContent.THEMES.size());
            int edition = n / (places.size() * DemoContent.THEMES.size());
            String title = theme.title() + " in " + place.name() + (edition == 0 ? "" : " · "
                    + DemoContent.EDITIONS.get((edition - 1) % DemoContent.EDITIONS.size())
                    + (edition > DemoContent.EDITIONS.size() ? " " + ((edition - 1) / DemoContent.EDITIONS.size() + 1) : ""));
            int days = theme.minDays() + random.nextInt(theme.maxDays() - theme.minDays() + 1);
            BigDecimal price = BigDecimal.valueOf(Math.round(theme.basePrice() * (0.8 + random.nextDouble() * 0.9)
                    * days / ((theme.minDays() + theme.maxDays()) / 2.0) / 10.0) * 10L).setScale(2);
            String status = n % 20 == 7 ? "DRAFT" : n % 20 == 13 ? "ARCHIVED" : "PUBLISHED";
            List<String> tags = new ArrayList<>(theme.tags());
            place.tags().stream().filter(tag -> !tags.contains(tag)).limit(2).forEach(tags::add);
            List<Leaving> departures = new ArrayList<>();
            List<Integer> ratings = new ArrayList<>();
            if (status.equals("PUBLISHED")) {
                for (int k = 0; k < 3; k++) {
                    int seats = 8 + random.nextInt(23);
                    departures.add(new Leaving(14 + (n * 13 + k * 37) % 300, seats, seats - random.nextInt(seats / 2 + 1)));
                }
                int reviews = random.nextInt(7);
                for (int k = 0; k < reviews; k++) {
                    ratings.add(random.nextInt(10) == 0 ? 2 + random.nextInt(2) : 4 + random.nextInt(2));
                }
            }
            String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
            return new DemoTrip(n, title, theme.summary() + ", in " + place.name() + ".",
                    place.description() + " " + theme.summary() + ". " + days + " days, small groups, an expert all the way.",
                    places.get(placeIndex), guides.get((n * 5 + n / places.size()) % guides.size()), price, days, tags,
                    "https://img.wayfarer.io/trips/" + slug + ".jpg", status,
                    EPOCH.plus(n, ChronoUnit.HOURS), departures, ratings);
        }

        /** Distinct reviewers per trip (step 3 over 25 names never repeats within 7 reviews). */
        int reviewer(int k) {
            return (number * 5 + k * 3) % DemoContent.REVIEWERS.size();
        }
    }
}
