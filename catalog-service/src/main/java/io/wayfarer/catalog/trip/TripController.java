package io.wayfarer.catalog.trip;

import io.wayfarer.catalog.access.CatalogAccess;
import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.catalog.rest.MergePatch;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.catalog.rest.Responses;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /v1/trips}: the products. Public reads of published trips; staff see and change everything. */
@RestController
@RequestMapping(path = "/v1/trips", produces = MediaType.APPLICATION_JSON_VALUE)
class TripController {

    private static final Map<String, String> SORTABLE = Map.of("title", "title", "price", "price",
            "duration_days", "durationDays", "created_at", "createdAt", "rating", "ratingAvg");

    private final TripCatalog catalog;
    private final TripChanges changes;
    private final TripViews views;

    TripController(TripCatalog catalog, TripChanges changes, TripViews views) {
        this.catalog = catalog;
        this.changes = changes;
        this.views = views;
    }

    @GetMapping
    ResponseEntity<ListPage<TripView>> list(HttpServletRequest request, Optional<CurrentUser> user,
            @RequestParam(name = "destination_id", required = false) Long destinationId,
            @RequestParam(name = "expert_id", required = false) Long expertId,
            @RequestParam(required = false) String tag,
            @RequestParam(name = "price_min", required = false) BigDecimal priceMin,
            @RequestParam(name = "price_max", required = false) BigDecimal priceMax,
            @RequestParam(name = "departs_after", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate departsAfter,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status) {
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "created_at");
        TripFilter filter = new TripFilter(destinationId, expertId, tag, priceMin, priceMax, departsAfter, q,
                status(status));
        return Responses.list(catalog.list(filter, query, user), query, Trip::view);
    }

    @GetMapping("/{id}")
    ResponseEntity<TripView> one(@PathVariable long id, Optional<CurrentUser> user,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Versioned<TripView> trip = catalog.visible(id, user);
        views.viewed(id, user);
        return Responses.one(trip, ifNoneMatch);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TripView> create(CurrentUser user, @Valid @RequestBody TripRequest body) {
        CatalogAccess.requireStaff(user);
        Versioned<TripView> created = changes.create(body);
        return Responses.created("/v1/trips/" + created.value().id(), created);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TripView> replace(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TripRequest body) {
        CatalogAccess.requireStaff(user);
        return Responses.updated(changes.replace(id, Preconditions.expectedVersion(ifMatch), body));
    }

    @PatchMapping(path = "/{id}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<TripView> patch(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        CatalogAccess.requireStaff(user);
        return Responses.updated(changes.patch(id, Preconditions.expectedVersion(ifMatch), patch));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CatalogAccess.requireStaff(user);
        changes.delete(id, Preconditions.expectedVersion(ifMatch));
        return Responses.deleted();
    }

    private static TripStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return TripStatus.fromApi(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "status must be draft, published or archived.");
        }
    }
}
