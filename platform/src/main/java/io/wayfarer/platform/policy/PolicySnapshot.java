package io.wayfarer.platform.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole RBAC policy at one version, as rbac-service serves it at {@code GET /internal/v1/policy}
 * and as gateways compile it: every resource and, per role code, the ids of the resources granted
 * to it. SUPER_ADMIN's "every resource" is already expanded into its grant list.
 */
public record PolicySnapshot(long version, List<Resource> resources, Map<String, List<Long>> grants) {

    public PolicySnapshot {
        resources = List.copyOf(resources);
        TreeMap<String, List<Long>> sorted = new TreeMap<>();
        grants.forEach((role, ids) -> sorted.put(role, List.copyOf(ids)));
        grants = Collections.unmodifiableMap(sorted);
    }

    /** One (method, path pattern) pair; method is GET, POST, PUT, PATCH, DELETE or ANY. */
    public record Resource(long id, String method, String pattern) {
    }
}
