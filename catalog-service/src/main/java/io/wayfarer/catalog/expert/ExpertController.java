package io.wayfarer.catalog.expert;

import io.wayfarer.catalog.access.CatalogAccess;
import io.wayfarer.catalog.rest.MergePatch;
import io.wayfarer.catalog.rest.Preconditions;
import io.wayfarer.catalog.rest.Responses;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
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

/** {@code /v1/experts}: public reads, staff writes. */
@RestController
@RequestMapping(path = "/v1/experts", produces = MediaType.APPLICATION_JSON_VALUE)
class ExpertController {

    private static final Map<String, String> SORTABLE = Map.of("display_name", "displayName", "rating", "ratingAvg",
            "created_at", "createdAt");

    private final ExpertCatalog catalog;

    ExpertController(ExpertCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    ResponseEntity<ListPage<ExpertView>> list(HttpServletRequest request,
            @RequestParam(required = false) String language, @RequestParam(required = false) String specialty,
            @RequestParam(required = false) String q) {
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "display_name");
        return Responses.list(catalog.list(new ExpertFilter(language, specialty, q), query), query,
                Expert::view);
    }

    @GetMapping("/{id}")
    ResponseEntity<ExpertView> one(@PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return Responses.one(catalog.find(id), ifNoneMatch);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ExpertView> create(CurrentUser user, @Valid @RequestBody ExpertRequest body) {
        CatalogAccess.requireStaff(user);
        var created = catalog.create(body);
        return Responses.created("/v1/experts/" + created.value().id(), created);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ExpertView> replace(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ExpertRequest body) {
        CatalogAccess.requireStaff(user);
        return Responses.updated(catalog.replace(id, Preconditions.expectedVersion(ifMatch), body));
    }

    @PatchMapping(path = "/{id}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ExpertView> patch(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode patch) {
        CatalogAccess.requireStaff(user);
        return Responses.updated(catalog.patch(id, Preconditions.expectedVersion(ifMatch), patch));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        CatalogAccess.requireStaff(user);
        catalog.delete(id, Preconditions.expectedVersion(ifMatch));
        return Responses.deleted();
    }
}
