package io.wayfarer.rbac.role;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of PATCH (merge patch): name and description only. */
record RolePatch(@Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Size(max = 500) String description) {
}
