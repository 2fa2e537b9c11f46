package io.wayfarer.recommend.recommendation;

import io.wayfarer.recommend.trip.TripFacts;
import io.wayfarer.recommend.trip.TripSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The one-sentence reasons shown with a recommendation. */
final class Explanations {

    static final BigDecimal HIGHLY_RATED = BigDecimal.valueOf(4);
    static final Duration NEW_FOR = Duration.ofDays(30);

    private Explanations() {
    }

    /**
     * "Travellers who liked Kyoto Food Walk also liked Osaka Street Eats." — the evidence is the trip the user
     * liked (personal) or the trip being looked at (similar).
     */
    static String fromModel(TripSummary trip, List<TripSummary> evidence) {
        String title = title(trip);
        if (evidence.isEmpty()) {
            return "Recommended for you from travellers with tastes like yours: " + title + ".";
        }
        String liked = evidence.size() == 1 ? title(evidence.get(0))
                : title(evidence.get(0)) + " and " + title(evidence.get(1));
        return "Travellers who liked " + liked + " also liked " + title + ".";
    }

    static String sameDestination(TripSummary trip) {
        return title(trip) + " goes to the same destination.";
    }

    /** "Also tagged food and culture: Osaka Street Eats." — for similar trips without evidence. */
    static String sharedTags(TripSummary trip, List<String> tags) {
        String shared = tags.size() == 1 ? tags.get(0) : tags.get(0) + " and " + tags.get(1);
        return "Also tagged " + shared + ": " + title(trip) + ".";
    }

    /**
     * The catalogue's fill says what it knows of the trip: highly rated (4★ or more), new (created within
     * {@code NEW_FOR}), or simply on Wayfarer.
     */
    static String fromCatalogue(TripSummary trip, TripFacts facts, Instant now) {
        BigDecimal rating = facts.averageRating();
        if (facts.reviewCount() > 0 && rating != null && rating.compareTo(HIGHLY_RATED) >= 0) {
            return "Highly rated by travellers: " + title(trip) + ", " + rating.setScale(1, RoundingMode.HALF_UP)
                    + "★ from " + facts.reviewCount() + (facts.reviewCount() == 1 ? " review." : " reviews.");
        }
        if (facts.createdAt() != null && facts.createdAt().isAfter(now.minus(NEW_FOR))) {
            return "New on Wayfarer: " + title(trip) + ".";
        }
        return "Discover " + title(trip) + " on Wayfarer.";
    }

    static String popular(TripSummary trip) {
        return title(trip) + " is popular with travellers right now.";
    }

    private static String title(TripSummary trip) {
        return trip.title() == null || trip.title().isBlank() ? "trip " + trip.id() : trip.title();
    }
}
