package io.wayfarer.rbac.role;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.rbac.access.AdminAccess;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.access.Lists;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpHeaders;
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
class RoleController {

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Map<String, String> SORTABLE = Map.of("id", "id", "code", "code", "name", "name",
            "created_at", "createdAt", "updated_at", "updatedAt");

    private final RoleCatalog roles;

    RoleController(RoleCatalog roles) {
        this.roles = roles;
    }

    @GetMapping("/v1/roles")
    ResponseEntity<ListPage<RoleView>> list(CurrentUser user, HttpServletRequest request,
            @RequestParam(name = "built_in", required = false) Boolean builtIn, @RequestParam(required = false) String q) {
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "code");
        return Lists.answer(roles.list(new RoleFilter(builtIn, q), query), query);
    }

    @GetMapping("/v1/roles/{id}")
    ResponseEntity<RoleView> one(CurrentUser user, @PathVariable long id) {
        return tagged(roles.existing(id));
    }

    @PostMapping(path = "/v1/roles", consumes = "application/json")
    ResponseEntity<RoleView> create(CurrentUser user, @Valid @RequestBody RoleRequest request) {
        Role created = roles.create(request, AdminAccess.require(user));
        return ResponseEntity.created(URI.create("/v1/roles/" + created.id()))
                .eTag(EntityTags.of(created.version())).body(created.view());
    }

    @PutMapping(path = "/v1/roles/{id}", consumes = "application/json")
    ResponseEntity<RoleView> replace(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody RoleRequest request) {
        return tagged(roles.replace(id, request, ifMatch, AdminAccess.require(user)));
    }

    @PatchMapping(path = "/v1/roles/{id}", consumes = {MERGE_PATCH, "application/json"})
    ResponseEntity<RoleView> patch(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody RolePatch patch) {
        return tagged(roles.patch(id, patch, ifMatch, AdminAccess.require(user)));
    }

    @DeleteMapping("/v1/roles/{id}")
    ResponseEntity<Void> delete(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        roles.delete(id, ifMatch, AdminAccess.require(user));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<RoleView> tagged(Role role) {
        return ResponseEntity.ok().eTag(EntityTags.of(role.version())).body(role.view());
    }
}
