package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.access.CatalogAccess;
import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.catalog.entry.CatalogEntry;
import io.wayfarer.catalog.query.Filters;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListQuery;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reading trips: by id through the cache, lists straight from PostgreSQL with the API's filters. */
@Service
public class TripCatalog {

    public static final String CACHE = "trip";

    private final Trips trips;
    private final VersionedCache cache;
    private final TripEvents events;

    TripCatalog(Trips trips, VersionedCache cache, TripEvents events) {
        this.trips = trips;
        this.cache = cache;
        this.events = events;
    }

    /**
     * Trips written straight to the table by a bulk load (the demo catalogue) are announced like any
     * other new trip — {@code product.created} in the loading transaction — so consumers' projections
     * (recommend-service) know them from the first start.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void announceLoaded(Collection<Long> ids) {
        trips.findAllById(ids).stream()
                .sorted(Comparator.comparingLong(Trip::id))
                .forEach(trip -> events.created(trip.view()));
    }

    /**
     * The trip as {@code user} may see it: 404 for an unknown id or (for non-staff) an unpublished
     * trip, 410 for a deleted one.
     */
    public Versioned<TripView> visible(long id, Optional<CurrentUser> user) {
        Versioned<TripView> found = CatalogEntry.liveCached(cache.read(CACHE, id, TripView.class,
                () -> trips.findById(id).map(Trip::versioned)), "trip", id);
        if (!found.value().published() && !CatalogAccess.seesUnpublished(user)) {
            throw CatalogEntry.notFound("trip", id);
        }
        return found;
    }

    Page<Trip> list(TripFilter filter, ListQuery query, Optional<CurrentUser> user) {
        List<Specification<Trip>> where = new ArrayList<>();
        where.add(Filters.notDeleted());
        if (!CatalogAccess.seesUnpublished(user)) {
            where.add(Filters.equal("status", TripStatus.PUBLISHED));
        } else if (filter.status() != null) {
            where.add(Filters.equal("status", filter.status()));
        }
        if (filter.destinationId() != null) {
            where.add(Filters.equal("destinationId", filter.destinationId()));
        }
        if (filter.expertId() != null) {
            where.add(Filters.equal("expertId", filter.expertId()));
        }
        if (filter.tag() != null) {
            where.add(Filters.contains("tags", filter.tag()));
        }
        if (filter.priceMin() != null) {
            where.add((root, q, cb) -> cb.greaterThanOrEqualTo(root.get("price"), filter.priceMin()));
        }
        if (filter.priceMax() != null) {
            where.add((root, q, cb) -> cb.lessThanOrEqualTo(root.get("price"), filter.priceMax()));
        }
        if (filter.departsAfter() != null) {
            where.add(departsAfter(filter));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.add(Filters.textMatches(filter.q(), "title", "summary"));
        }
        return trips.findAll(Filters.all(where), query.pageable("id"));
    }

    private static Specification<Trip> departsAfter(TripFilter filter) {
        return (root, query, cb) -> {
            Subquery<Long> departing = query.subquery(Long.class);
            Root<TripDeparture> departure = departing.from(TripDeparture.class);
            departing.select(departure.get("tripId")).where(
                    cb.greaterThan(departure.get("startsOn"), filter.departsAfter()),
                    cb.isNull(departure.get("deletedAt")));
            return root.get("id").in(departing);
        };
    }
}
