package io.wayfarer.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /v1/users/me} (JSON merge patch of the two editable fields; null = unchanged). */
record ProfileChange(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String displayName,
        @Email @Size(min = 3, max = 254) String email) {
}
