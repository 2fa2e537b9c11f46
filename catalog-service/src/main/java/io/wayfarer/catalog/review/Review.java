package io.wayfarer.catalog.review;

import io.wayfarer.catalog.entry.CatalogEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A traveller's review of a trip: one live review per user and trip, changed only by its author. */
@Entity
@Table(name = "review")
class Review extends CatalogEntry<ReviewView> {

    private long tripId;
    private UUID userId;
    private String authorName;
    private short rating;
    private String text;

    protected Review() {
    }

    Review(long tripId, UUID userId, ReviewRequest request, Instant now) {
        super(now);
        this.tripId = tripId;
        this.userId = userId;
        rewrite(request, now);
    }

    /** Returns the change of rating, for the aggregates. */
    int rewrite(ReviewRequest request, Instant now) {
        int before = rating;
        this.rating = request.rating().shortValue();
        this.text = request.text() == null ? "" : request.text().trim();
        this.authorName = request.authorName() == null || request.authorName().isBlank()
                ? "Traveller" : request.authorName().trim();
        changedAt(now);
        return rating - before;
    }

    boolean writtenBy(UUID user) {
        return userId.equals(user);
    }

    long tripId() {
        return tripId;
    }

    int rating() {
        return rating;
    }

    ReviewRequest asRequest() {
        return new ReviewRequest((int) rating, text, authorName);
    }

    @Override
    protected ReviewView view() {
        return new ReviewView(id(), tripId, userId, authorName, rating, text, version(), createdAt(), updatedAt());
    }
}
