package io.wayfarer.recommend.trip;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the catalogue says of a trip besides its summary, for the recommendations that have no behaviour to learn
 * from: its tags, its reviews and when it was created. The reviews are as of the trip's last product event
 * (catalog-service publishes none for a new review), so they lag behind the catalogue's page; nulls are unknown.
 */
public record TripFacts(List<String> tags, BigDecimal averageRating, long reviewCount, Instant createdAt) {

    public TripFacts {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A published trip with these facts, as the catalogue's fallback ranks them. */
    public record Trip(TripSummary summary, TripFacts facts) {
    }
}
