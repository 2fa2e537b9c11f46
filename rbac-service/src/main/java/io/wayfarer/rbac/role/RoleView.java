package io.wayfarer.rbac.role;

import java.time.Instant;

/**
 * A role as the API shows it. {@code allResources}: the role holds every resource, present and
 * future (SUPER_ADMIN); its grants cannot be edited.
 */
public record RoleView(Long id, String code, String name, String description, boolean builtIn, boolean allResources,
        Instant createdAt, Instant updatedAt) {
}
