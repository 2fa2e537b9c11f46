package io.wayfarer.recommend.recommendation;

import io.wayfarer.recommend.trip.TripSummary;
import java.util.List;

/** The one-sentence reasons shown with a recommendation. */
final class Explanations {

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

    static String popular(TripSummary trip) {
        return title(trip) + " is popular with travellers right now.";
    }

    private static String title(TripSummary trip) {
        return trip.title() == null || trip.title().isBlank() ? "trip " + trip.id() : trip.title();
    }
}
