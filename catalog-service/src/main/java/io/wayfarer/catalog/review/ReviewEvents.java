package io.wayfarer.catalog.review;

import io.wayfarer.platform.events.Outbox;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reviews as behaviour events on {@code wayfarer.behaviour}, for recommendations, through the outbox in the
 * review's own transaction: {@code trip.rated} (data.type {@code rate}, with the rating) on every write and
 * rewrite — the newest rating wins at the consumer; {@code trip.commented} (data.type {@code comment}) when a
 * review first gets text; {@code trip.rating-withdrawn} (data.type {@code unrate}) when it is deleted. Same shape
 * as {@code trip.viewed}: key and subject are the user id.
 */
@Component
class ReviewEvents {

    static final String TOPIC = "wayfarer.behaviour";

    private final Outbox outbox;

    ReviewEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A new review, or a rewrite; {@code hadText} says whether the review already had text before. */
    void written(ReviewView review, boolean hadText) {
        publish("trip.rated", new ReviewSignal(review.userId(), review.tripId(), "rate", review.rating(), review.id(),
                review.updatedAt()));
        if (!hadText && review.text() != null && !review.text().isBlank()) {
            publish("trip.commented", new ReviewSignal(review.userId(), review.tripId(), "comment", null, review.id(),
                    review.updatedAt()));
        }
    }

    void deleted(ReviewView review) {
        publish("trip.rating-withdrawn", new ReviewSignal(review.userId(), review.tripId(), "unrate", null, review.id(),
                review.updatedAt()));
    }

    private void publish(String type, ReviewSignal signal) {
        outbox.publish(TOPIC, type, signal.userId().toString(), signal);
    }

    /** The event's data: who did what to which trip, when (rating only for {@code rate}). */
    record ReviewSignal(UUID userId, long tripId, String type, Integer rating, long reviewId, Instant occurredAt) {
    }
}
