package io.wayfarer.catalog.review;

import java.time.Instant;
import java.util.UUID;

/** A review as the API shows it. */
record ReviewView(long id, long tripId, UUID userId, String authorName, int rating, String text, long version,
        Instant createdAt, Instant updatedAt) {
}
