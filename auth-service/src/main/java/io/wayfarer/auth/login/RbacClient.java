package io.wayfarer.auth.login;

import java.util.List;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** rbac-service's internal role lookup (not routed by the gateway). */
@FeignClient(name = "rbac-service", contextId = "rbacRoles", path = "/internal/v1")
interface RbacClient {

    @GetMapping("/users/{id}/roles")
    UserRoles rolesOf(@PathVariable("id") UUID userId);

    record UserRoles(UUID userId, List<String> roles) {
    }
}
