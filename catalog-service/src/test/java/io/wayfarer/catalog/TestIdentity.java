package io.wayfarer.catalog;

import io.wayfarer.platform.testing.TestTokens;
import java.util.List;
import java.util.UUID;

/**
 * Who a test request acts as: an access token as auth-service signs it plus the identity headers
 * the gateway adds (docs/identity.md).
 */
public record TestIdentity(UUID userId, UUID sessionId, List<String> roles, String token) {

    public static TestIdentity staff() {
        return of("PRODUCT_ADMIN");
    }

    public static TestIdentity traveller() {
        return of("TRAVELLER");
    }

    public static TestIdentity of(String... roles) {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        return new TestIdentity(user, session, List.of(roles), TestTokens.sign(user, session));
    }
}
