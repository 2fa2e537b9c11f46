package io.wayfarer.rbac.resource;

import java.time.Instant;

/** A resource as the API shows it; {@code category} is the category's code. */
public record ResourceView(Long id, String name, String method, String pattern, String category, String service,
        String description, Instant createdAt, Instant updatedAt) {
}
