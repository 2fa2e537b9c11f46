package io.wayfarer.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/auth/register}. The password rules beyond length are {@link PasswordPolicy}'s. */
record Registration(
        @NotNull @Pattern(regexp = "[a-z0-9_.-]{3,32}", message = "must be 3 to 32 characters of a-z, 0-9, '_', '.', '-'")
        String account,
        @NotBlank @Size(max = 100) String displayName,
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = PasswordPolicy.MIN_LENGTH, max = PasswordPolicy.MAX_LENGTH) String password) {
}
