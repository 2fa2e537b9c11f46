package io.wayfarer.catalog.destination;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The writable fields of a destination: body of POST and PUT, target of a merge patch. */
record DestinationRequest(
        @NotBlank @Size(max = 120) String name,
        @NotBlank @Size(max = 80) String country,
        @Size(max = 80) String region,
        @Size(max = 10_000) String description,
        @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags) {
}
