package io.wayfarer.rbac.grant;

import io.wayfarer.rbac.resource.ResourceView;
import java.util.List;

/**
 * The grant set of a role: what {@code GET /v1/roles/{id}/resources} shows and PUT replaces.
 * Not paged: it is one representation, replaced as a whole.
 */
record RoleGrants(long roleId, String role, boolean allResources, List<Long> resourceIds, List<ResourceView> resources) {
}
