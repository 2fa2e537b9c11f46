package io.wayfarer.rbac.role;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST and PUT: every field (the code cannot change once created). */
record RoleRequest(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,31}", message = "must be 2-32 upper-case letters, digits or _, starting with a letter") String code,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 500) String description) {
}
