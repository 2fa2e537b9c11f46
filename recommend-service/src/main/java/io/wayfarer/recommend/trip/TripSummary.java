package io.wayfarer.recommend.trip;

import java.math.BigDecimal;

/**
 * What a recommendation shows of a trip, from the local projection of catalog-service's products. Only a
 * {@code published} trip is ever recommended; {@code missing} means catalog-service said it has no such
 * (public) trip.
 */
public record TripSummary(long id, String title, Long destinationId, String status, BigDecimal price,
        String currency, String coverImageUrl) {

    public static final String PUBLISHED = "published";

    public boolean published() {
        return PUBLISHED.equals(status);
    }
}
