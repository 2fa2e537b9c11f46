package io.wayfarer.auth.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /v1/users/me/password}. */
record PasswordChange(@NotNull String currentPassword,
        @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String newPassword) {
}
