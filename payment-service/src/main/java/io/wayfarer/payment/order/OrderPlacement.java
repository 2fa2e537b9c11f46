package io.wayfarer.payment.order;

import io.wayfarer.payment.seat.Catalog;
import io.wayfarer.payment.seat.Catalog.TripOffer;
import io.wayfarer.payment.seat.CatalogRefusal;
import io.wayfarer.payment.seat.SeatTasks;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order: price from the catalogue, seats reserved under the new order's id, then the
 * order row and its {@code order.created} event in one transaction. Never half-made: a refused or
 * failed reservation leaves no order; an order that cannot be saved after its seats were reserved
 * gives them back (a seat task, retried until catalog-service confirms the release). A repeated
 * {@code Idempotency-Key} returns the order the first request made.
 */
@Component
class OrderPlacement {

    static final String CURRENCY = "CNY";
    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    private final Orders orders;
    private final OrderEvents events;
    private final Catalog catalog;
    private final SeatTasks seats;
    private final TransactionTemplate transactions;
    private final OrderProperties properties;
    private final Clock clock;

    OrderPlacement(Orders orders, OrderEvents events, Catalog catalog, SeatTasks seats,
            TransactionTemplate transactions, OrderProperties properties, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.catalog = catalog;
        this.seats = seats;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The order and whether this call made it (false: the replay of an earlier Idempotency-Key). */
    Placed place(CurrentUser user, OrderRequest request, String idempotencyKey) {
        Optional<Placed> earlier = earlier(user.userId(), idempotencyKey, request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        TripOffer trip = bookableTrip(request);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        BigDecimal amount = trip.price().multiply(BigDecimal.valueOf(request.travellers())).setScale(2, RoundingMode.HALF_UP);
        Order order = new Order(id, Order.outTradeNoOf(id), user.userId(), trip.id(), request.departureId(),
                request.travellers(), trip.title(), amount, trip.currency(), OrderStatus.CREATED, now,
                now.plus(properties.paymentWindow()), null, null, null, null, null, null);
        reserveSeats(order);
        try {
            transactions.executeWithoutResult(status -> {
                orders.insert(order, idempotencyKey, request.fingerprint());
                events.publish("order.created", order, OrderStatus.CREATED, now);
            });
            return new Placed(order, true);
        } catch (DuplicateKeyException raced) {
            // the same Idempotency-Key won in a parallel request: its order stands, ours gives its seats back
            seats.schedule(order.seatKey(), SeatTasks.Action.RELEASE);
            return earlier(user.userId(), idempotencyKey, request).orElseThrow(() -> raced);
        } catch (RuntimeException e) {
            log.error("order {} could not be saved after its seats were reserved; releasing them", id, e);
            seats.schedule(order.seatKey(), SeatTasks.Action.RELEASE);
            throw e;
        }
    }

    private Optional<Placed> earlier(java.util.UUID userId, String key, OrderRequest request) {
        if (key == null) {
            return Optional.empty();
        }
        return orders.findByIdempotencyKey(userId, key).map(keyed -> {
            if (!keyed.requestHash().equals(request.fingerprint())) {
                throw ProblemException.custom("idempotency-key-reused", "Idempotency-Key reused",
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "This Idempotency-Key was already used for a different order request.");
            }
            return new Placed(keyed.order(), false);
        });
    }

    private TripOffer bookableTrip(OrderRequest request) {
        TripOffer trip;
        long tripOfDeparture;
        try {
            trip = catalog.trip(request.tripId());
        } catch (CatalogRefusal refusal) {
            throw ProblemException.validation("tripId", "No trip " + request.tripId() + " is on sale.");
        }
        if (!trip.published() || trip.price() == null || trip.price().signum() <= 0) {
            throw ProblemException.validation("tripId", "Trip " + request.tripId() + " is not on sale.");
        }
        if (!CURRENCY.equals(trip.currency())) {
            throw ProblemException.validation("tripId", "Trip " + request.tripId() + " is not sold in " + CURRENCY + ".");
        }
        try {
            tripOfDeparture = catalog.tripOfDeparture(request.departureId());
        } catch (CatalogRefusal refusal) {
            throw ProblemException.validation("departureId", "No departure " + request.departureId() + ".");
        }
        if (tripOfDeparture != request.tripId()) {
            throw ProblemException.validation("departureId",
                    "Departure " + request.departureId() + " is not a departure of trip " + request.tripId() + ".");
        }
        return trip;
    }

    private void reserveSeats(Order order) {
        try {
            catalog.reserve(order.seatKey(), order.departureId(), order.seats());
        } catch (CatalogRefusal refusal) {
            // refused: catalog-service rolled its reservation back, nothing is held
            throw refused(refusal);
        } catch (RuntimeException unknown) {
            // timed out or down: the reservation may have been made without us hearing of it
            seats.schedule(order.seatKey(), SeatTasks.Action.RELEASE);
            throw Catalog.isUnavailable(unknown) ? unknown : Catalog.unavailable();
        }
    }

    private static ProblemException refused(CatalogRefusal refusal) {
        return switch (refusal.kind()) {
            case "seats-unavailable" -> ProblemException.custom("seats-unavailable", "Not enough seats",
                    HttpStatus.CONFLICT, "The departure has fewer seats left than travellers on this order.");
            case "departure-closed" -> ProblemException.custom("departure-closed", "Departure closed",
                    HttpStatus.CONFLICT, "This departure has already left.");
            default -> refusal.notFound()
                    ? ProblemException.validation("departureId", "This departure cannot be booked.")
                    : ProblemException.custom("reservation-refused", "Seats not reserved", HttpStatus.CONFLICT,
                            "The catalogue refused to reserve these seats.");
        };
    }

    record Placed(Order order, boolean created) {
    }
}
