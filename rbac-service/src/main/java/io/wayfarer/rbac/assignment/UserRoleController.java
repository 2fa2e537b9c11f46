package io.wayfarer.rbac.assignment;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.rbac.access.AdminAccess;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The roles of a user: staff view and assignment, and auth-service's internal lookup at login. */
@RestController
class UserRoleController {

    private final UserRoles userRoles;

    UserRoleController(UserRoles userRoles) {
        this.userRoles = userRoles;
    }

    @GetMapping("/v1/users/{id}/roles")
    UserRoleSet of(CurrentUser user, @PathVariable UUID id) {
        AdminAccess.require(user);
        return userRoles.of(id);
    }

    @PutMapping(path = "/v1/users/{id}/roles", consumes = "application/json")
    UserRoleSet assign(CurrentUser user, @PathVariable UUID id, @Valid @RequestBody RoleAssignment assignment) {
        return userRoles.assign(id, assignment, AdminAccess.require(user));
    }

    /** Not routed by the gateway (it refuses {@code /internal/**}): auth-service asks at login. */
    @GetMapping("/internal/v1/users/{id}/roles")
    UserRoleSet internal(@PathVariable UUID id) {
        return userRoles.of(id);
    }
}
