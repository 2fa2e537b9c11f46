package io.wayfarer.recommend.trip;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * catalog-service behind resilience4j: Feign's connect/read timeouts, a retry (a read is idempotent) and a
 * circuit breaker. Fallback: a refusal (404/410) is an answer — the trip is not public; anything else (down,
 * slow, breaker open) is "unknown", and the caller decides (recommendations leave the trip out).
 */
@Component
public class Catalog {

    static final String CATALOG = "catalog-service";
    private static final Logger log = LoggerFactory.getLogger(Catalog.class);

    private final CatalogClient client;

    Catalog(CatalogClient client) {
        this.client = client;
    }

    /** The trip as the public sees it; empty when catalog-service cannot answer now. */
    @Retry(name = CATALOG, fallbackMethod = "unknown")
    @CircuitBreaker(name = CATALOG)
    public Optional<Answer> trip(long tripId) {
        try {
            CatalogClient.Trip trip = client.trip(tripId);
            return Optional.of(new Answer(new TripSummary(trip.id(), trip.title(), trip.destinationId(), trip.status(),
                    trip.price(), trip.currency(), trip.coverImageUrl()), new TripFacts(trip.tags(),
                    trip.averageRating(), trip.reviewCount() == null ? 0 : trip.reviewCount(), trip.createdAt()),
                    trip.version()));
        } catch (CatalogRefusal refusal) {
            String status = refusal.gone() ? "deleted" : "missing";
            return Optional.of(new Answer(new TripSummary(tripId, null, null, status, null, null, null), null, -1));
        }
    }

    Optional<Answer> unknown(long tripId, Throwable cause) {
        log.debug("catalog-service could not say what trip {} is: {}", tripId, cause.toString());
        return Optional.empty();
    }

    /**
     * catalog-service's answer, what else it says of the trip (null when it refused) and the trip's version (-1 when
     * it refused: any product event wins over it).
     */
    public record Answer(TripSummary trip, TripFacts facts, long version) {
    }
}
