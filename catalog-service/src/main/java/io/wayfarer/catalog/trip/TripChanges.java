package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.catalog.destination.DestinationCatalog;
import io.wayfarer.catalog.entry.CatalogEntry;
import io.wayfarer.catalog.expert.ExpertCatalog;
import io.wayfarer.catalog.expert.ExpertRatings;
import io.wayfarer.catalog.rest.MergePatch;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Staff changes to trips. Each runs in one transaction that also writes the product event to the
 * outbox; the cache entry is invalidated after the commit with the committed version.
 */
@Service
class TripChanges {

    private final Trips trips;
    private final DestinationCatalog destinations;
    private final ExpertCatalog experts;
    private final ExpertRatings expertRatings;
    private final TripEvents events;
    private final VersionedCache cache;
    private final MergePatch mergePatch;
    private final Clock clock;

    TripChanges(Trips trips, DestinationCatalog destinations, ExpertCatalog experts, ExpertRatings expertRatings,
            TripEvents events, VersionedCache cache, MergePatch mergePatch, Clock clock) {
        this.trips = trips;
        this.destinations = destinations;
        this.experts = experts;
        this.expertRatings = expertRatings;
        this.events = events;
        this.cache = cache;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    @Transactional
    Versioned<TripView> create(TripRequest request) {
        checkReferences(request);
        Trip trip = trips.saveAndFlush(new Trip(request, clock.instant()));
        events.created(trip.view());
        cache.invalidateAfterCommit(TripCatalog.CACHE, trip.id(), trip.version());
        return trip.versioned();
    }

    @Transactional
    Versioned<TripView> replace(long id, OptionalLong expectedVersion, TripRequest request) {
        Trip trip = existing(id);
        Preconditions.check(expectedVersion, trip.version());
        return apply(trip, request);
    }

    @Transactional
    Versioned<TripView> patch(long id, OptionalLong expectedVersion, JsonNode patch) {
        Trip trip = existing(id);
        Preconditions.check(expectedVersion, trip.version());
        return apply(trip, mergePatch.apply(trip.asRequest(), patch, TripRequest.class));
    }

    @Transactional
    void delete(long id, OptionalLong expectedVersion) {
        Trip trip = existing(id);
        Preconditions.check(expectedVersion, trip.version());
        trip.delete(clock.instant());
        trips.flush();
        events.deleted(trip.id(), trip.version());
        cache.invalidateAfterCommit(TripCatalog.CACHE, trip.id(), trip.version());
    }

    private Versioned<TripView> apply(Trip trip, TripRequest request) {
        checkReferences(request);
        if (trip.expertChangesTo(request.expertId())) {
            // the trip's reviews now count for the new expert
            if (trip.expertId() != null) {
                expertRatings.add(trip.expertId(), -trip.ratingCount(), -trip.ratingSum());
            }
            if (request.expertId() != null) {
                expertRatings.add(request.expertId(), trip.ratingCount(), trip.ratingSum());
            }
        }
        trip.replace(request, clock.instant());
        trips.flush();
        events.updated(trip.view());
        cache.invalidateAfterCommit(TripCatalog.CACHE, trip.id(), trip.version());
        return trip.versioned();
    }

    private void checkReferences(TripRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!destinations.isLive(request.destinationId())) {
            violations.add(new FieldViolation("destinationId", "no such destination"));
        }
        if (request.expertId() != null && !experts.isLive(request.expertId())) {
            violations.add(new FieldViolation("expertId", "no such expert"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
    }

    private Trip existing(long id) {
        return CatalogEntry.live(trips.findById(id), "trip", id);
    }
}
