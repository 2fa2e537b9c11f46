package io.wayfarer.rbac.assignment;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Body of {@code PUT /v1/users/{id}/roles}: the complete new set of role codes. */
record RoleAssignment(@NotNull List<@NotNull String> roles) {
}
