package io.wayfarer.catalog.departure;

import io.wayfarer.catalog.access.CatalogAccess;
import io.wayfarer.catalog.query.Filters;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.catalog.rest.Responses;
import io.wayfarer.catalog.trip.TripCatalog;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A trip's departures: public list and read, staff add and cancel. */
@RestController
class DepartureController {

    private static final Map<String, String> SORTABLE = Map.of("starts_on", "startsOn", "seats_left", "seatsLeft");

    private final Departures departures;
    private final DepartureCalendar calendar;
    private final TripCatalog trips;

    DepartureController(Departures departures, DepartureCalendar calendar, TripCatalog trips) {
        this.departures = departures;
        this.calendar = calendar;
        this.trips = trips;
    }

    @GetMapping(path = "/v1/trips/{tripId}/departures", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ListPage<DepartureView>> list(@PathVariable long tripId, Optional<CurrentUser> user,
            HttpServletRequest request,
            @RequestParam(name = "departs_after", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate departsAfter,
            @RequestParam(name = "departs_before", required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate departsBefore,
            @RequestParam(required = false) Boolean available) {
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "starts_on");
        trips.visible(tripId, user);
        List<Specification<Departure>> where = new ArrayList<>();
        where.add(Filters.notDeleted());
        where.add(Filters.equal("tripId", tripId));
        if (departsAfter != null) {
            where.add((root, q, cb) -> cb.greaterThan(root.get("startsOn"), departsAfter));
        }
        if (departsBefore != null) {
            where.add((root, q, cb) -> cb.lessThan(root.get("startsOn"), departsBefore));
        }
        if (Boolean.TRUE.equals(available)) {
            where.add((root, q, cb) -> cb.greaterThan(root.get("seatsLeft"), 0));
        }
        return Responses.list(departures.findAll(Filters.all(where), query.pageable("id")), query, Departure::view);
    }

    @GetMapping(path = "/v1/departures/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DepartureView> one(@PathVariable long id, Optional<CurrentUser> user) {
        Departure departure = calendar.existing(id);
        trips.visible(departure.tripId(), user);
        return ResponseEntity.ok().eTag(Preconditions.etag(departure.version())).body(departure.view());
    }

    @PostMapping(path = "/v1/trips/{tripId}/departures", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DepartureView> create(CurrentUser user, @PathVariable long tripId,
            @Valid @RequestBody DepartureRequest body) {
        CatalogAccess.requireStaff(user);
        trips.visible(tripId, Optional.of(user));
        Departure departure = calendar.add(tripId, body);
        return ResponseEntity.created(URI.create("/v1/departures/" + departure.id()))
                .eTag(Preconditions.etag(departure.version())).body(departure.view());
    }

    /** Cancels a departure; refused (409) while it has held or confirmed seats. */
    @DeleteMapping("/v1/departures/{id}")
    ResponseEntity<Void> cancel(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CatalogAccess.requireStaff(user);
        calendar.cancel(id, Preconditions.expectedVersion(ifMatch));
        return Responses.deleted();
    }
}
