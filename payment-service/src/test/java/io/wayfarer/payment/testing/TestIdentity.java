package io.wayfarer.payment.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.platform.identity.AccessTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Who a test request acts as: an access token as auth-service signs it plus the gateway's identity headers. */
public record TestIdentity(UUID userId, UUID sessionId, List<String> roles, String token) {

    static final RSAKey KEY = newKey();

    public static TestIdentity traveller() {
        return of("TRAVELLER");
    }

    public static TestIdentity orderAdmin() {
        return of("ORDER_ADMIN");
    }

    public static TestIdentity of(String... roles) {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        return new TestIdentity(user, session, List.of(roles), sign(user, session));
    }

    private static String sign(UUID user, UUID session) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(AccessTokens.DEFAULT_ISSUER).audience(AccessTokens.AUDIENCE).subject(user.toString())
                .claim(AccessTokens.SESSION_ID_CLAIM, session.toString()).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokens.TYPE)
                .keyID(KEY.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(KEY));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("payment-test").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
