package io.wayfarer.catalog.review;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A traveller's review of a trip: one live review per user and trip, changed only by its author. */
@Entity
@Table(name = "review")
class Review {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private long tripId;
    private UUID userId;
    private String authorName;
    private short rating;
    private String text;
    @Version
    private long version;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant deletedAt;

    protected Review() {
    }

    Review(long tripId, UUID userId, ReviewRequest request, Instant now) {
        this.tripId = tripId;
        this.userId = userId;
        this.createdAt = now;
        rewrite(request, now);
    }

    /** Returns the change of rating, for the aggregates. */
    int rewrite(ReviewRequest request, Instant now) {
        int before = rating;
        this.rating = request.rating().shortValue();
        this.text = request.text() == null ? "" : request.text().trim();
        this.authorName = request.authorName() == null || request.authorName().isBlank()
                ? "Traveller" : request.authorName().trim();
        this.updatedAt = now;
        return rating - before;
    }

    void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }

    boolean deleted() {
        return deletedAt != null;
    }

    boolean writtenBy(UUID user) {
        return userId.equals(user);
    }

    long id() {
        return id;
    }

    long tripId() {
        return tripId;
    }

    int rating() {
        return rating;
    }

    long version() {
        return version;
    }

    ReviewRequest asRequest() {
        return new ReviewRequest((int) rating, text, authorName);
    }

    ReviewView view() {
        return new ReviewView(id, tripId, userId, authorName, rating, text, version, createdAt, updatedAt);
    }
}
