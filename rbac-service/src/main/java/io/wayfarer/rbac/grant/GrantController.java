package io.wayfarer.rbac.grant;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.rbac.access.AdminAccess;
import io.wayfarer.rbac.access.EntityTags;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class GrantController {

    private final Grants grants;

    GrantController(Grants grants) {
        this.grants = grants;
    }

    @GetMapping("/v1/roles/{id}/resources")
    ResponseEntity<RoleGrants> of(CurrentUser user, @PathVariable long id) {
        return tagged(grants.of(id));
    }

    @PutMapping(path = "/v1/roles/{id}/resources", consumes = "application/json")
    ResponseEntity<RoleGrants> replace(CurrentUser user, @PathVariable long id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody GrantChange change) {
        return tagged(grants.replace(id, change, ifMatch, AdminAccess.require(user)));
    }

    private static ResponseEntity<RoleGrants> tagged(RoleGrants grants) {
        return ResponseEntity.ok().eTag(EntityTags.of(Grants.tagOf(grants.resourceIds()))).body(grants);
    }
}
