package io.wayfarer.rbac.category;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of PATCH (merge patch): only the fields given change. */
record CategoryPatch(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Min(0) @Max(100_000) Integer sortOrder) {
}
