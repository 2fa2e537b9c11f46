package io.wayfarer.recommend.recommendation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/recommendations} (the signed-in user's) and {@code GET /v1/recommendations/similar-trips}
 * (public). {@code limit} is 1-50 (default 10); anything else is a 400, like every query parameter.
 */
@RestController
class RecommendationController {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 50;

    private final Recommender recommender;
    private final Timer personal;
    private final Timer similar;

    RecommendationController(Recommender recommender, MeterRegistry registry) {
        this.recommender = recommender;
        this.personal = latency(registry, "personal");
        this.similar = latency(registry, "similar_trips");
    }

    @GetMapping(path = "/v1/recommendations", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Recommendations> forMe(CurrentUser user, @RequestParam(required = false) String limit) {
        int size = limit(limit);
        return ResponseEntity.ok(timed(personal, () -> recommender.forUser(user.userId(), size)));
    }

    @GetMapping(path = "/v1/recommendations/similar-trips", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Recommendations> similarTrips(@RequestParam(name = "trip_id", required = false) String tripId,
            @RequestParam(required = false) String limit) {
        long trip = tripId(tripId);
        int size = limit(limit);
        return ResponseEntity.ok(timed(similar, () -> recommender.similarTo(trip, size)));
    }

    private static Recommendations timed(Timer timer, Supplier<Recommendations> answer) {
        return timer.record(answer);
    }

    private static Timer latency(MeterRegistry registry, String endpoint) {
        return Timer.builder("recommend.recommendations").tag("endpoint", endpoint)
                .description("Time to answer a recommendation read").publishPercentileHistogram().register(registry);
    }

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    static long tripId(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "trip_id is required.");
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "trip_id must be a positive whole number.");
    }
}
