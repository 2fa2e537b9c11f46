package io.wayfarer.rbac.resource;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST and PUT: every field; PUT replaces them all. */
record ResourceRequest(
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Pattern(regexp = Resources.METHOD_REGEX, message = "must be GET, POST, PUT, PATCH, DELETE or ANY") String method,
        @NotBlank @Size(max = 300) String pattern,
        @NotBlank String category,
        @NotBlank @Pattern(regexp = Resources.SERVICE_REGEX, message = "must be a service name such as catalog-service") String service,
        @Size(max = 500) String description) {
}
