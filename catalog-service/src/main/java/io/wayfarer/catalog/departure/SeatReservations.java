package io.wayfarer.catalog.departure;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seats, for payment-service: reserve, confirm, release — each idempotent by order id. Never
 * oversells: seats leave a departure only through {@code UPDATE ... WHERE seats_left >= n}, in
 * the same transaction as the reservation row keyed by the order id, so a replay finds the row
 * and changes nothing, and a race for the last seats lets exactly as many win as there are seats.
 */
@Service
class SeatReservations {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final Clock clock;

    SeatReservations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The reservation and whether this call made it (false: a replay of an earlier call). */
    @Transactional
    Outcome reserve(long departureId, String orderId, int seats) {
        LocalDate startsOn = bookableDeparture(departureId);
        if (startsOn.isBefore(LocalDate.now(clock.withZone(CHINA)))) {
            throw ProblemException.custom("departure-closed", "Departure closed", HttpStatus.CONFLICT,
                    "Departure " + departureId + " has already left.");
        }
        int inserted = jdbc.sql("""
                INSERT INTO seat_reservation (order_id, departure_id, seats, status)
                VALUES (?, ?, ?, 'HELD') ON CONFLICT (order_id) DO NOTHING""")
                .params(orderId, departureId, seats).update();
        if (inserted == 0) {
            Reservation earlier = find(orderId).orElseThrow();
            if (earlier.departureId() != departureId || earlier.seats() != seats) {
                throw ProblemException.custom("reservation-mismatch", "Order already has other seats",
                        HttpStatus.CONFLICT, "Order " + orderId + " already holds " + earlier.seats()
                                + " seat(s) on departure " + earlier.departureId() + ".");
            }
            return new Outcome(earlier, false);
        }
        int taken = jdbc.sql("UPDATE departure SET seats_left = seats_left - ? WHERE id = ? AND seats_left >= ?")
                .params(seats, departureId, seats).update();
        if (taken == 0) {
            // rolls the reservation row back with it: a refused order may try again later
            throw ProblemException.custom("seats-unavailable", "Not enough seats", HttpStatus.CONFLICT,
                    "Departure " + departureId + " has fewer than " + seats + " seat(s) left.");
        }
        return new Outcome(find(orderId).orElseThrow(), true);
    }

    /** HELD → CONFIRMED (paid); confirming again is a no-op; a released reservation cannot be confirmed. */
    @Transactional
    Reservation confirm(String orderId) {
        int confirmed = jdbc.sql("""
                UPDATE seat_reservation SET status = 'CONFIRMED', updated_at = now()
                WHERE order_id = ? AND status = 'HELD'""").param(orderId).update();
        Reservation reservation = existing(orderId);
        if (confirmed == 0 && reservation.status().equals("RELEASED")) {
            throw ProblemException.custom("reservation-released", "Reservation released", HttpStatus.CONFLICT,
                    "The seats of order " + orderId + " were released; reserve again.");
        }
        return reservation;
    }

    /** HELD or CONFIRMED → RELEASED, giving the seats back exactly once; releasing again is a no-op. */
    @Transactional
    Reservation release(String orderId) {
        jdbc.sql("""
                UPDATE seat_reservation SET status = 'RELEASED', updated_at = now()
                WHERE order_id = ? AND status <> 'RELEASED' RETURNING departure_id, seats""")
                .param(orderId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2)})
                .optional()
                .ifPresent(released -> jdbc.sql("UPDATE departure SET seats_left = seats_left + ? WHERE id = ?")
                        .params(released[1], released[0]).update());
        return existing(orderId);
    }

    Reservation existing(String orderId) {
        return find(orderId).orElseThrow(() ->
                ProblemException.of(ProblemType.NOT_FOUND, "No reservation for order " + orderId + "."));
    }

    /** Held or confirmed reservations on a departure. */
    long activeOn(long departureId) {
        return jdbc.sql("SELECT count(*) FROM seat_reservation WHERE departure_id = ? AND status <> 'RELEASED'")
                .param(departureId).query(Long.class).single();
    }

    private LocalDate bookableDeparture(long departureId) {
        return jdbc.sql("SELECT starts_on, deleted_at IS NOT NULL FROM departure WHERE id = ?")
                .param(departureId)
                .query((rs, n) -> {
                    if (rs.getBoolean(2)) {
                        throw ProblemException.of(ProblemType.GONE, "Departure " + departureId + " was cancelled.");
                    }
                    return rs.getObject(1, LocalDate.class);
                })
                .optional()
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No departure " + departureId + "."));
    }

    private Optional<Reservation> find(String orderId) {
        return jdbc.sql("SELECT order_id, departure_id, seats, status, created_at, updated_at FROM seat_reservation "
                        + "WHERE order_id = ?")
                .param(orderId)
                .query((rs, n) -> new Reservation(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    record Outcome(Reservation reservation, boolean created) {
    }
}
