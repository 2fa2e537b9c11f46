package io.wayfarer.rbac.resource;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.rbac.access.AdminAccess;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.access.Lists;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ResourceController {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Map<String, String> SORTABLE = Map.of("id", "id", "name", "name", "pattern", "pattern",
            "method", "method", "service", "service", "created_at", "createdAt", "updated_at", "updatedAt");

    private final Resources resources;

    ResourceController(Resources resources) {
        this.resources = resources;
    }

    @GetMapping("/v1/resources")
    ResponseEntity<ListPage<ResourceView>> list(CurrentUser user, HttpServletRequest request,
            @RequestParam(required = false) String category, @RequestParam(required = false) String method,
            @RequestParam(required = false) String service, @RequestParam(required = false) String q) {
        if (method != null && !method.matches(Resources.METHOD_REGEX)) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "method must be GET, POST, PUT, PATCH, DELETE or ANY.");
        }
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "pattern");
        return Lists.answer(resources.list(new ResourceListFilter(category, method, service, q), query), query);
    }

    @GetMapping("/v1/resources/{id}")
    ResponseEntity<ResourceView> one(CurrentUser user, @PathVariable long id) {
        return tagged(resources.existing(id), HttpStatus.OK);
    }

    @PostMapping(path = "/v1/resources", consumes = "application/json")
    ResponseEntity<ResourceView> create(CurrentUser user, @Valid @RequestBody ResourceRequest request) {
        Resources.Tagged created = resources.create(request, AdminAccess.require(user));
        return ResponseEntity.created(URI.create("/v1/resources/" + created.view().id()))
                .eTag(EntityTags.of(created.version())).body(created.view());
    }

    @PutMapping(path = "/v1/resources/{id}", consumes = "application/json")
    ResponseEntity<ResourceView> replace(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ResourceRequest request) {
        return tagged(resources.replace(id, request, ifMatch, AdminAccess.require(user)), HttpStatus.OK);
    }

    @PatchMapping(path = "/v1/resources/{id}", consumes = {MERGE_PATCH, "application/json"})
    ResponseEntity<ResourceView> patch(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ResourcePatch patch) {
        return tagged(resources.patch(id, patch, ifMatch, AdminAccess.require(user)), HttpStatus.OK);
    }

    @DeleteMapping("/v1/resources/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        resources.delete(id, ifMatch, AdminAccess.require(user));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<ResourceView> tagged(Resources.Tagged tagged, HttpStatus status) {
        return ResponseEntity.status(status).eTag(EntityTags.of(tagged.version())).body(tagged.view());
    }
}
