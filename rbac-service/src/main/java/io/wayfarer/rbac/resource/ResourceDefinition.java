package io.wayfarer.rbac.resource;

/** The fields of a resource an admin sets, validated (category resolved to its id). */
record ResourceDefinition(String name, String method, String pattern, long categoryId, String service,
        String description) {
}
