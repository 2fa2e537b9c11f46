package io.wayfarer.catalog.expert;

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

/** Travel experts: cached reads by id, filtered lists, and the writes that invalidate the cache. */
@Service
public class ExpertCatalog {

    public static final String CACHE = "expert";

    private final Experts experts;
    private final VersionedCache cache;
    private final MergePatch mergePatch;
    private final Clock clock;

    ExpertCatalog(Experts experts, VersionedCache cache, MergePatch mergePatch, Clock clock) {
        this.experts = experts;
        this.cache = cache;
        this.mergePatch = mergePatch;
        this.clock = clock;
    }

    /** 404 for an unknown id, 410 for a deleted one. */
    public Versioned<ExpertView> find(long id) {
        return CatalogEntry.liveCached(cache.read(CACHE, id, ExpertView.class,
                () -> experts.findById(id).map(Expert::versioned)), "expert", id);
    }

    /** For other features' validation: the expert exists and is not deleted. */
    public boolean isLive(long id) {
        return experts.findById(id).filter(expert -> !expert.deleted()).isPresent();
    }

    Page<Expert> list(ExpertFilter filter, ListQuery query) {
        List<Specification<Expert>> where = new ArrayList<>();
        where.add(Filters.notDeleted());
        if (filter.language() != null) {
            where.add(Filters.contains("languages", filter.language()));
        }
        if (filter.specialty() != null) {
            where.add(Filters.contains("specialties", filter.specialty()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            where.add(Filters.textMatches(filter.q(), "displayName", "bio"));
        }
        return experts.findAll(Filters.all(where), query.pageable("id"));
    }

    @Transactional
    public Versioned<ExpertView> create(ExpertRequest request) {
        Expert expert = experts.saveAndFlush(new Expert(request, clock.instant()));
        cache.invalidateAfterCommit(CACHE, expert.id(), expert.version());
        return expert.versioned();
    }

    @Transactional
    public Versioned<ExpertView> replace(long id, OptionalLong expectedVersion, ExpertRequest request) {
        Expert expert = existing(id);
        Preconditions.check(expectedVersion, expert.version());
        expert.replace(request, clock.instant());
        return saved(expert);
    }

    @Transactional
    public Versioned<ExpertView> patch(long id, OptionalLong expectedVersion, JsonNode patch) {
        Expert expert = existing(id);
        Preconditions.check(expectedVersion, expert.version());
        expert.replace(mergePatch.apply(expert.asRequest(), patch, ExpertRequest.class), clock.instant());
        return saved(expert);
    }

    @Transactional
    public void delete(long id, OptionalLong expectedVersion) {
        Expert expert = existing(id);
        Preconditions.check(expectedVersion, expert.version());
        expert.delete(clock.instant());
        saved(expert);
    }

    private Versioned<ExpertView> saved(Expert expert) {
        experts.flush();
        cache.invalidateAfterCommit(CACHE, expert.id(), expert.version());
        return expert.versioned();
    }

    private Expert existing(long id) {
        return CatalogEntry.live(experts.findById(id), "expert", id);
    }
}
