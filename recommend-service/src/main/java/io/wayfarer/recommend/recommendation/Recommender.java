package io.wayfarer.recommend.recommendation;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.recommend.model.Recommendation;
import io.wayfarer.recommend.signal.Signals;
import io.wayfarer.recommend.training.ServedModel;
import io.wayfarer.recommend.trip.TripFacts;
import io.wayfarer.recommend.trip.TripSummaries;
import io.wayfarer.recommend.trip.TripSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Answers both recommendation reads from the served model, then makes them safe and complete: only published
 * trips, never one the user bought (read on every request), never the trip itself for "similar"; too few
 * answers (cold start, no model yet) are filled from popularity (similar trips: first the same destination and
 * shared tags), then from the catalogue's own ranking, so a platform with published trips never answers empty.
 * Each item says why it is there.
 */
@Component
class Recommender {

    /** How many candidates are asked of the model, so that filtering still leaves {@code limit} items. */
    static final int DEPTH = 100;
    /** The {@code source} of items chosen by the catalogue's facts (destination, tags, reviews, age). */
    static final String CATALOG = "catalog";

    private final ServedModel served;
    private final CandidateCache cache;
    private final Signals signals;
    private final TripSummaries trips;
    private final PopularTrips popular;
    private final CatalogPicks picks;
    private final Clock clock;

    Recommender(ServedModel served, CandidateCache cache, Signals signals, TripSummaries trips, PopularTrips popular,
            CatalogPicks picks, Clock clock) {
        this.served = served;
        this.cache = cache;
        this.signals = signals;
        this.trips = trips;
        this.popular = popular;
        this.picks = picks;
        this.clock = clock;
    }

    Recommendations forUser(UUID user, int limit) {
        Signals.History history = signals.historyOf(user);
        Optional<ServedModel.Serving> serving = served.current();
        List<Recommendation> candidates = serving.map(model -> cache.forUser(user, model.version(),
                        () -> model.model().recommend(user.toString(), DEPTH,
                                history.bought().stream().map(String::valueOf).collect(Collectors.toSet()))))
                .orElse(List.of());
        // popularity fills up only with trips new to the user: their own favourites are no discovery
        Answer answer = new Answer(limit, history.bought(), history.seen());
        answer.addModelItems(candidates, null);
        answer.addPopular(popular.ranking());
        answer.addCatalogPicks();
        return answer.done(serving);
    }

    Recommendations similarTo(long tripId, int limit) {
        TripSummary source = trips.one(tripId).filter(TripSummary::published)
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No published trip " + tripId + "."));
        Optional<ServedModel.Serving> serving = served.current();
        List<Recommendation> candidates = serving.map(model -> cache.similarTo(tripId, model.version(),
                        () -> model.model().similarItems(String.valueOf(tripId), DEPTH)))
                .orElse(List.of());
        Answer answer = new Answer(limit, Set.of(tripId), Set.of());
        answer.addModelItems(candidates, source);
        if (source.destinationId() != null) {
            answer.addSameDestination(source.destinationId());
        }
        answer.addSharedTags(source);
        answer.addPopular(popular.ranking());
        answer.addCatalogPicks();
        return answer.done(serving);
    }

    private static OptionalLong tripId(String item) {
        try {
            return OptionalLong.of(Long.parseLong(item));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** One answer being assembled: what is in, what may not be. */
    private final class Answer {

        private final int limit;
        private final Set<Long> excluded;
        private final Set<Long> notAsFill;
        private final Set<Long> chosen = new LinkedHashSet<>();
        private final List<RecommendedTrip> items = new ArrayList<>();

        /** {@code excluded} never appear; {@code notAsFill} may come from the model but not from popularity. */
        Answer(int limit, Set<Long> excluded, Set<Long> notAsFill) {
            this.limit = limit;
            this.excluded = excluded;
            this.notAsFill = notAsFill;
        }

        boolean full() {
            return items.size() >= limit;
        }

        /** The model's items in its order; {@code source} is the trip they are similar to (null: personal). */
        void addModelItems(List<Recommendation> candidates, TripSummary source) {
            List<Recommendation> usable = candidates.stream()
                    .filter(candidate -> tripId(candidate.item()).isPresent())
                    .filter(candidate -> allowed(tripId(candidate.item()).getAsLong()))
                    .toList();
            if (usable.isEmpty()) {
                return;
            }
            Set<Long> wanted = usable.stream().flatMap(candidate -> Stream.concat(Stream.of(candidate.item()),
                            candidate.because().stream().limit(2)))
                    .map(Recommender::tripId).filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Map<Long, TripSummary> summaries = trips.find(wanted);
            for (Recommendation candidate : usable) {
                if (full()) {
                    return;
                }
                TripSummary trip = summaries.get(tripId(candidate.item()).getAsLong());
                if (trip == null || !trip.published() || !allowed(trip.id())) {
                    continue;
                }
                List<TripSummary> evidence = source != null ? List.of(source) : candidate.because().stream()
                        .map(Recommender::tripId).filter(OptionalLong::isPresent)
                        .map(id -> summaries.get(id.getAsLong()))
                        .filter(known -> known != null && known.title() != null).limit(2).toList();
                add(trip, candidate.score(), "model", Explanations.fromModel(trip, evidence),
                        evidence);
            }
        }

        void addSameDestination(long destinationId) {
            if (full()) {
                return;
            }
            Set<Long> popularIds = new LinkedHashSet<>(popular.ranking());
            List<TripSummary> local = new ArrayList<>(trips.publishedIn(destinationId, PopularTrips.SIZE));
            local.sort((a, b) -> Boolean.compare(popularIds.contains(b.id()), popularIds.contains(a.id())));
            for (TripSummary trip : local) {
                if (full()) {
                    return;
                }
                if (allowedAsFill(trip.id())) {
                    add(trip, 0, CATALOG, Explanations.sameDestination(trip), List.of());
                }
            }
        }

        /** Trips sharing the most tags with {@code source}, for similar trips the model has no evidence about. */
        void addSharedTags(TripSummary source) {
            if (full()) {
                return;
            }
            List<String> tags = trips.factsOf(source.id()).map(TripFacts::tags).orElse(List.of());
            for (TripFacts.Trip other : trips.publishedSharingTags(tags, source.id(), limit + chosen.size())) {
                if (full()) {
                    return;
                }
                if (allowedAsFill(other.summary().id())) {
                    List<String> shared = tags.stream().filter(other.facts().tags()::contains).toList();
                    add(other.summary(), 0, CATALOG, Explanations.sharedTags(other.summary(), shared), List.of());
                }
            }
        }

        void addPopular(List<Long> ranking) {
            if (full()) {
                return;
            }
            List<Long> open = ranking.stream().filter(this::allowedAsFill)
                    .limit((long) (limit - items.size()) * 2 + 10).toList();
            Map<Long, TripSummary> summaries = trips.find(open);
            for (TripSummary trip : open.stream().map(summaries::get).toList()) {
                if (full()) {
                    return;
                }
                if (trip != null && trip.published() && allowedAsFill(trip.id())) {
                    add(trip, 0, "popularity", Explanations.popular(trip), List.of());
                }
            }
        }

        /** The catalogue's own ranking (reviews, then the newest): what is left when behaviour says too little. */
        void addCatalogPicks() {
            if (full()) {
                return;
            }
            List<TripFacts.Trip> open = picks.ranking().stream().filter(pick -> allowedAsFill(pick.summary().id()))
                    .limit((long) (limit - items.size()) * 2 + 10).toList();
            // the ranking may be a refresh old: whether each trip is still published is read now
            Map<Long, TripSummary> current = trips.find(open.stream().map(pick -> pick.summary().id()).toList());
            Instant now = clock.instant();
            for (TripFacts.Trip pick : open) {
                if (full()) {
                    return;
                }
                TripSummary trip = current.get(pick.summary().id());
                if (trip != null && trip.published()) {
                    add(trip, 0, CATALOG, Explanations.fromCatalogue(trip, pick.facts(), now), List.of());
                }
            }
        }

        private boolean allowed(long tripId) {
            return !excluded.contains(tripId) && !chosen.contains(tripId);
        }

        private boolean allowedAsFill(long tripId) {
            return allowed(tripId) && !notAsFill.contains(tripId);
        }

        private void add(TripSummary trip, double score, String kind, String explanation, List<TripSummary> because) {
            chosen.add(trip.id());
            items.add(new RecommendedTrip(RecommendedTrip.Trip.of(trip), score, kind, explanation,
                    because.stream().map(RecommendedTrip.Trip::of).toList()));
        }

        Recommendations done(Optional<ServedModel.Serving> serving) {
            return new Recommendations(List.copyOf(items), serving.map(ServedModel.Serving::version).orElse(0L),
                    serving.map(ServedModel.Serving::trainer).orElse(null));
        }
    }
}
