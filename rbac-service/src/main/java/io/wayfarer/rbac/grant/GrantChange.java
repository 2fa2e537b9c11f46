package io.wayfarer.rbac.grant;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/** Body of {@code PUT /v1/roles/{id}/resources}: the complete new grant set. */
record GrantChange(@NotNull List<@NotNull Long> resourceIds) {
}
