package io.wayfarer.rbac.resource;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of PATCH (merge patch): only the fields given change. */
record ResourcePatch(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Pattern(regexp = Resources.METHOD_REGEX, message = "must be GET, POST, PUT, PATCH, DELETE or ANY") String method,
        @Size(min = 1, max = 300) String pattern,
        @Size(min = 1) String category,
        @Pattern(regexp = Resources.SERVICE_REGEX, message = "must be a service name such as catalog-service") String service,
        @Size(max = 500) String description) {
}
