package io.wayfarer.catalog.expert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The writable fields of an expert; {@code userId} links the expert's login (auth-service user id). */
record ExpertRequest(
        @NotBlank @Size(max = 120) String displayName,
        @Size(max = 10_000) String bio,
        @Size(max = 10) List<@NotBlank @Size(max = 40) String> languages,
        @Size(max = 20) List<@NotBlank @Size(max = 60) String> specialties,
        UUID userId) {
}
