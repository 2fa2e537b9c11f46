package io.wayfarer.recommend.signal;

import java.time.Instant;
import java.util.UUID;

/**
 * One behaviour signal to apply: who did what to which trip, when, and the event it came in.
 *
 * @param rating 1-5 for {@link Signal#RATE}, otherwise null
 */
public record BehaviourSignal(UUID eventId, UUID userId, long tripId, Signal signal, Integer rating, String source,
        Instant occurredAt) {

    public BehaviourSignal {
        if (signal == Signal.RATE && (rating == null || rating < 1 || rating > 5)) {
            throw new IllegalArgumentException("a rating is 1 to 5: " + rating);
        }
        if (tripId <= 0) {
            throw new IllegalArgumentException("no trip " + tripId);
        }
    }
}
