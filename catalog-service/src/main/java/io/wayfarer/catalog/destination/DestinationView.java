package io.wayfarer.catalog.destination;

import io.wayfarer.catalog.rest.CacheableView;
import java.time.Instant;
import java.util.List;

/** A destination as the API shows it (and as the cache stores it). */
public record DestinationView(long id, String name, String country, String region, String description,
        List<String> tags, long version, Instant createdAt, Instant updatedAt) implements CacheableView {
}
