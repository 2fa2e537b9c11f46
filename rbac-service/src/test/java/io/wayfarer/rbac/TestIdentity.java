package io.wayfarer.rbac;

import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.testing.TestTokens;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for auth-service and the gateway: the verifier trusts the tests' key, and
 * {@link Caller}s carry tokens signed with it plus the identity headers the gateway would add.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestIdentity {

    @Bean
    AccessTokenVerifier accessTokenVerifier() {
        return TestTokens.verifier();
    }

    static Caller caller(String... roles) {
        return new Caller(UUID.randomUUID(), UUID.randomUUID(), List.of(roles));
    }

    static Caller superAdmin() {
        return caller("SUPER_ADMIN", "TRAVELLER");
    }

    /** A logged-in user as the gateway forwards them. */
    record Caller(UUID userId, UUID sessionId, List<String> roles) {

        String token() {
            return TestTokens.sign(userId, sessionId);
        }
    }
}
