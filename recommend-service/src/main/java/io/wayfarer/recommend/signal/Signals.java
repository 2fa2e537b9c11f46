package io.wayfarer.recommend.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The store of applied signals: one {@code behaviour_event} row per event id, and the explicit rating per
 * (user, trip) kept apart in {@code trip_rating} (the newest rating wins; a withdrawal removes an older one).
 * Callers de-duplicate by event id (ProcessedEvents) in the same transaction; the primary key is a second guard.
 */
@Component
public class Signals {

    private final JdbcClient jdbc;
    private final Map<Signal, Counter> applied = new EnumMap<>(Signal.class);

    Signals(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        for (Signal signal : Signal.values()) {
            applied.put(signal, Counter.builder("recommend.signals.applied").tag("signal", signal.apiName())
                    .description("Behaviour signals stored (once per event)").register(registry));
        }
    }

    /** Stores a signal; must run in the transaction that remembers its event id. Returns false for a repeat. */
    public boolean apply(BehaviourSignal signal) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a signal is applied in the transaction that records its event id");
        }
        int inserted = jdbc.sql("""
                INSERT INTO behaviour_event (event_id, user_id, trip_id, signal, rating, source, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                .params(signal.eventId(), signal.userId(), signal.tripId(), signal.signal().apiName(),
                        signal.rating() == null ? null : signal.rating().shortValue(), signal.source(),
                        Timestamp.from(signal.occurredAt()))
                .update();
        if (inserted == 0) {
            return false;
        }
        if (signal.signal() == Signal.RATE) {
            jdbc.sql("""
                    INSERT INTO trip_rating (user_id, trip_id, rating, rated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (user_id, trip_id) DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at
                    WHERE trip_rating.rated_at <= excluded.rated_at""")
                    .params(signal.userId(), signal.tripId(), signal.rating().shortValue(),
                            Timestamp.from(signal.occurredAt()))
                    .update();
        } else if (signal.signal() == Signal.UNRATE) {
            jdbc.sql("DELETE FROM trip_rating WHERE user_id = ? AND trip_id = ? AND rated_at <= ?")
                    .params(signal.userId(), signal.tripId(), Timestamp.from(signal.occurredAt()))
                    .update();
        }
        applied.get(signal.signal()).increment();
        return true;
    }

    /** The trips a user has had anything to do with, and those they bought (never recommended to them). */
    public History historyOf(UUID userId) {
        Set<Long> seen = new HashSet<>();
        Set<Long> bought = new HashSet<>();
        jdbc.sql("""
                SELECT trip_id, bool_or(signal = 'purchase') FROM behaviour_event WHERE user_id = ?
                GROUP BY trip_id""")
                .param(userId)
                .query(rs -> {
                    seen.add(rs.getLong(1));
                    if (rs.getBoolean(2)) {
                        bought.add(rs.getLong(1));
                    }
                });
        return new History(Set.copyOf(seen), Set.copyOf(bought));
    }

    /** A user's trips: {@code seen} holds every trip with any signal, {@code bought} the purchased ones. */
    public record History(Set<Long> seen, Set<Long> bought) {
    }

    /** A stored behaviour event of this user (others' are not theirs to read). */
    public Optional<StoredBehaviour> find(UUID eventId, UUID userId) {
        return jdbc.sql("""
                SELECT event_id, trip_id, signal, occurred_at FROM behaviour_event
                WHERE event_id = ? AND user_id = ?""")
                .params(eventId, userId)
                .query((rs, n) -> new StoredBehaviour(rs.getObject(1, UUID.class), userId, rs.getLong(2),
                        rs.getString(3), rs.getTimestamp(4).toInstant()))
                .optional();
    }
}
