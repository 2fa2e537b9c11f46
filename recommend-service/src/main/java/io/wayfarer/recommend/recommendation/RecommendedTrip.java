package io.wayfarer.recommend.recommendation;

import io.wayfarer.recommend.trip.TripSummary;
import java.math.BigDecimal;
import java.util.List;

/**
 * One recommended trip as the API shows it: the trip's summary, a score (larger = better; only comparable
 * within one answer), where it came from ({@code model}, {@code popularity} or {@code catalog}), a sentence for
 * the traveller, and the trips that are the evidence.
 */
record RecommendedTrip(Trip trip, double score, String source, String explanation, List<Trip> because) {

    record Trip(long id, String title, Long destinationId, BigDecimal price, String currency, String coverImageUrl) {

        static Trip of(TripSummary summary) {
            return new Trip(summary.id(), summary.title(), summary.destinationId(), summary.price(), summary.currency(),
                    summary.coverImageUrl());
        }
    }
}
