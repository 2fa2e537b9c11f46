package io.wayfarer.rbac.category;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST and PUT: every field (the code cannot change once created). */
record CategoryRequest(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,31}", message = "must be 2-32 lower-case letters, digits or -") String code,
        @NotBlank @Size(max = 100) String name,
        @NotNull @Min(0) @Max(100_000) Integer sortOrder) {
}
