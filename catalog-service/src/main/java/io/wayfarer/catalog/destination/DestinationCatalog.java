package io.wayfarer.catalog.destination;

import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.catalog.entry.CatalogEntry;
import io.wayfarer.catalog.query.Filters;
import io.wayfarer.catalog.rest.MergePatch;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.platform.paging.ListQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.data.domain.Page;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Destinations: cached reads by id, filtered lists, and the writes that invalidate the cache. */
@Service
public class DestinationCatalog {

    static final String CACHE = "destination";

    private final Destinations destinations;
    private final VersionedCache cache;
    private final MergePatch mergePatch;
    private final Clock clock;

    DestinationCatalog(Destinations destinations, VersionedCache cache, MergePatch mergePatch, Clock clock) {
        this.destinations = destinations;
        this.cache = cache;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    /** 404 for an unknown id, 410 for a deleted one. */
    public Versioned<DestinationView> find(long id) {
        return CatalogEntry.liveCached(cache.read(CACHE, id, DestinationView.class,
                () -> destinations.findById(id).map(Destination::versioned)), "destination", id);
    }

    /** For other features' validation: the destination exists and is not deleted. */
    public boolean isLive(long id) {
        return destinations.findById(id).filter(destination -> !destination.deleted()).isPresent();
    }

    Page<Destination> list(DestinationFilter filter, ListQuery query) {
        List<Specification<Destination>> where = new ArrayList<>();
        where.add(Filters.notDeleted());
        if (filter.country() != null) {
            where.add(Filters.textMatches(filter.country(), "country"));
        }
        if (filter.region() != null) {
            where.add(Filters.textMatches(filter.region(), "region"));
        }
        if (filter.tag() != null) {
            where.add(Filters.contains("tags", filter.tag()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.add(Filters.textMatches(filter.q(), "name", "description"));
        }
        return destinations.findAll(Filters.all(where), query.pageable("id"));
    }

    @Transactional
    public Versioned<DestinationView> create(DestinationRequest request) {
        Destination destination = destinations.saveAndFlush(new Destination(request, clock.instant()));
        cache.invalidateAfterCommit(CACHE, destination.id(), destination.version());
        return destination.versioned();
    }

    @Transactional
    public Versioned<DestinationView> replace(long id, OptionalLong expectedVersion, DestinationRequest request) {
        Destination destination = existing(id);
        Preconditions.check(expectedVersion, destination.version());
        destination.replace(request, clock.instant());
        return saved(destination);
    }

    @Transactional
    public Versioned<DestinationView> patch(long id, OptionalLong expectedVersion, JsonNode patch) {
        Destination destination = existing(id);
        Preconditions.check(expectedVersion, destination.version());
        destination.replace(mergePatch.apply(destination.asRequest(), patch, DestinationRequest.class), clock.instant());
        return saved(destination);
    }

    @Transactional
    public void delete(long id, OptionalLong expectedVersion) {
        Destination destination = existing(id);
        Preconditions.check(expectedVersion, destination.version());
        destination.delete(clock.instant());
        saved(destination);
    }

    private Versioned<DestinationView> saved(Destination destination) {
        destinations.flush();
        cache.invalidateAfterCommit(CACHE, destination.id(), destination.version());
        return destination.versioned();
    }

    private Destination existing(long id) {
        return CatalogEntry.live(destinations.findById(id), "destination", id);
    }
}
