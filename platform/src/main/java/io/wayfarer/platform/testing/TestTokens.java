package io.wayfarer.platform.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.identity.AccessTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens for a service's tests, signed as auth-service signs them (docs/identity.md) with a
 * key generated for this JVM; {@link #verifier()} is the matching {@link AccessTokenVerifier} bean
 * to put in the test context instead of the one that fetches auth-service's JWKS.
 */
public final class TestTokens {

    public static final RSAKey KEY = newKey();

    private TestTokens() {
    }

    public static String sign(UUID userId, UUID sessionId) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(AccessTokens.DEFAULT_ISSUER).audience(AccessTokens.AUDIENCE).subject(userId.toString())
                .claim(AccessTokens.SESSION_ID_CLAIM, sessionId.toString()).jwtID(UUID.randomUUID().toString())
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

    public static AccessTokenVerifier verifier() {
        return new AccessTokenVerifier(new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())), AccessTokens.DEFAULT_ISSUER);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
