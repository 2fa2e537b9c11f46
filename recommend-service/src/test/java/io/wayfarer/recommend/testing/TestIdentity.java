package io.wayfarer.recommend.testing;

import io.wayfarer.platform.testing.TestTokens;
import java.util.List;
import java.util.UUID;

/** Who a test request acts as: an access token as auth-service signs it plus the gateway's identity headers. */
public record TestIdentity(UUID userId, UUID sessionId, List<String> roles, String token) {

    public static TestIdentity traveller() {
        return of("TRAVELLER");
    }

    /** A traveller with a given user id (whose behaviour a test made up beforehand). */
    public static TestIdentity traveller(UUID user) {
        UUID session = UUID.randomUUID();
        return new TestIdentity(user, session, List.of("TRAVELLER"), TestTokens.sign(user, session));
    }

    public static TestIdentity productAdmin() {
        return of("PRODUCT_ADMIN");
    }

    public static TestIdentity of(String... roles) {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        return new TestIdentity(user, session, List.of(roles), TestTokens.sign(user, session));
    }
}
