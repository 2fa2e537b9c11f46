package io.wayfarer.payment.seat;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.wayfarer.payment.seat.CatalogClient.Departure;
import io.wayfarer.payment.seat.CatalogClient.SeatHold;
import io.wayfarer.payment.seat.CatalogClient.SeatRequest;
import io.wayfarer.payment.seat.CatalogClient.Trip;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * catalog-service behind resilience4j: Feign's connect/read timeouts, a circuit breaker, and a
 * retry — every call here is idempotent (reads, or seat calls keyed by the order id). Fallback:
 * a refusal passes through as it is; anything else (down, slow, breaker open) becomes
 * 503 {@code catalog-unavailable} with {@code Retry-After}, and nothing half-made is kept.
 */
@Component
public class Catalog {

    static final String CATALOG = "catalog-service";
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private final CatalogClient client;

    Catalog(CatalogClient client) {
        this.client = client;
    }

    @Retry(name = CATALOG, fallbackMethod = "tripFallback")
    @CircuitBreaker(name = CATALOG)
    public TripOffer trip(long tripId) {
        Trip trip = client.trip(tripId);
        return new TripOffer(trip.id(), trip.title(), trip.price(), trip.currency(), "published".equals(trip.status()));
    }

    @Retry(name = CATALOG, fallbackMethod = "departureFallback")
    @CircuitBreaker(name = CATALOG)
    public long tripOfDeparture(long departureId) {
        Departure departure = client.departure(departureId);
        return departure.tripId();
    }

    @Retry(name = CATALOG, fallbackMethod = "seatFallback")
    @CircuitBreaker(name = CATALOG)
    public String reserve(String orderId, long departureId, int seats) {
        return client.reserve(departureId, new SeatRequest(orderId, seats)).status();
    }

    @Retry(name = CATALOG, fallbackMethod = "seatFallback")
    @CircuitBreaker(name = CATALOG)
    public String confirm(String orderId) {
        return client.confirm(orderId).status();
    }

    @Retry(name = CATALOG, fallbackMethod = "seatFallback")
    @CircuitBreaker(name = CATALOG)
    public String release(String orderId) {
        return client.release(orderId).status();
    }

    TripOffer tripFallback(long tripId, Throwable cause) {
        throw translate(cause);
    }

    long departureFallback(long departureId, Throwable cause) {
        throw translate(cause);
    }

    String seatFallback(String orderId, long departureId, int seats, Throwable cause) {
        throw translate(cause);
    }

    String seatFallback(String orderId, Throwable cause) {
        throw translate(cause);
    }

    private static RuntimeException translate(Throwable cause) {
        if (cause instanceof CatalogRefusal refusal) {
            return refusal;
        }
        log.warn("catalog-service unavailable: {}", cause.toString());
        return unavailable();
    }

    /** 503 when catalog-service cannot answer; the client may simply try again. */
    public static ProblemException unavailable() {
        return ProblemException.custom("catalog-unavailable", "Catalog unavailable",
                        org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                        "The trip catalogue cannot be reached right now; nothing was booked. Try again shortly.")
                .withHeader(HttpHeaders.RETRY_AFTER, "10");
    }

    /** What an order needs of a trip: its current price, from the catalogue. */
    public record TripOffer(long id, String title, java.math.BigDecimal price, String currency, boolean published) {
    }

    /** Whether a problem is the catalogue being unreachable (as opposed to a refusal). */
    public static boolean isUnavailable(Throwable e) {
        return e instanceof ProblemException problem
                && ProblemType.uri("catalog-unavailable").equals(problem.type());
    }
}
