package io.wayfarer.recommend.preference;

import io.wayfarer.recommend.model.Preference;
import io.wayfarer.recommend.model.TrainingData;
import io.wayfarer.recommend.signal.Signal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The preference matrix a model learns from, computed from the stored signals as of now: implicit scores
 * (every signal but ratings, plus each current rating as a signal) and, separately, the explicit ratings.
 * Users are UUID strings, items trip ids. Trips catalog-service deleted are left out.
 */
@Component
public class PreferenceScores {

    private final JdbcClient jdbc;
    private final PreferenceScoring scoring;
    private final Clock clock;

    PreferenceScores(JdbcClient jdbc, PreferenceWeights weights, Clock clock) {
        this.jdbc = jdbc;
        this.scoring = new PreferenceScoring(weights);
        this.clock = clock;
    }

    /** One consistent snapshot (a read-only transaction: the events and the ratings of the same moment). */
    @Transactional(readOnly = true)
    public TrainingData load() {
        Instant now = clock.instant();
        Map<Cell, double[]> sums = new HashMap<>();
        jdbc.sql("""
                SELECT e.user_id, e.trip_id, e.signal, e.occurred_at FROM behaviour_event e
                WHERE e.signal NOT IN ('rate', 'unrate')
                  AND NOT EXISTS (SELECT 1 FROM trip_summary t WHERE t.trip_id = e.trip_id AND t.status = 'deleted')""")
                .query(rs -> {
                    Signal signal = Signal.fromApi(rs.getString(3)).orElseThrow();
                    add(sums, new Cell(rs.getString(1), rs.getLong(2)),
                            scoring.contribution(signal, null, rs.getTimestamp(4).toInstant(), now));
                });
        List<Preference> ratings = new ArrayList<>();
        jdbc.sql("""
                SELECT r.user_id, r.trip_id, r.rating, r.rated_at FROM trip_rating r
                WHERE NOT EXISTS (SELECT 1 FROM trip_summary t WHERE t.trip_id = r.trip_id AND t.status = 'deleted')""")
                .query(rs -> {
                    Cell cell = new Cell(rs.getString(1), rs.getLong(2));
                    int rating = rs.getInt(3);
                    ratings.add(new Preference(cell.user(), String.valueOf(cell.trip()), rating));
                    add(sums, cell, scoring.contribution(Signal.RATE, rating, rs.getTimestamp(4).toInstant(), now));
                });
        List<Preference> preferences = new ArrayList<>(sums.size());
        sums.forEach((cell, sum) -> {
            double score = scoring.score(sum[0]);
            if (score > 0) {
                preferences.add(new Preference(cell.user(), String.valueOf(cell.trip()), score));
            }
        });
        return new TrainingData(preferences, ratings);
    }

    /** A user's current implicit scores (for tests and diagnostics). */
    public Optional<Double> score(String user, long trip) {
        return load().preferences().stream()
                .filter(p -> p.user().equals(user) && p.item().equals(String.valueOf(trip)))
                .map(Preference::value).findFirst();
    }

    private static void add(Map<Cell, double[]> sums, Cell cell, double contribution) {
        sums.computeIfAbsent(cell, key -> new double[1])[0] += contribution;
    }

    private record Cell(String user, long trip) {
    }
}
