package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.rest.CacheableView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A trip as the API shows it, as the cache stores it and as product events carry it. */
public record TripView(long id, String title, String summary, String description, long destinationId,
        Long expertId, BigDecimal price, String currency, int durationDays, List<String> tags, String coverImageUrl,
        String status, BigDecimal averageRating, long reviewCount, long version, Instant createdAt,
        Instant updatedAt) implements CacheableView {

    public boolean published() {
        return "published".equals(status);
    }
}
