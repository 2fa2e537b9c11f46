package io.wayfarer.auth.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane). A login for an unknown
 * account still runs one verification against a dummy hash, so its timing gives nothing away.
 */
@Component
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final String dummyHash = encoder.encode("not-a-real-password-" + System.nanoTime());

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return encoder.matches(password, hash == null ? dummyHash : hash);
    }

    /** Spends the same time as a real check; always false. */
    boolean matchNothing(String password) {
        encoder.matches(password, dummyHash);
        return false;
    }
}
