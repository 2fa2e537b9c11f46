package io.wayfarer.catalog.expert;

import io.wayfarer.catalog.rest.CacheableView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An expert as the API shows it; {@code averageRating} over the reviews of the expert's trips. */
public record ExpertView(long id, String displayName, String bio, List<String> languages, List<String> specialties,
        UUID userId, BigDecimal averageRating, long reviewCount, long version, Instant createdAt, Instant updatedAt) implements CacheableView {
}
