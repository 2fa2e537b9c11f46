package io.wayfarer.rbac;

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
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for auth-service and the gateway: the verifier trusts a key of the tests, and
 * {@link Caller}s carry tokens signed with it plus the identity headers the gateway would add.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestIdentity {

    static final RSAKey KEY = newKey();

    @Bean
    AccessTokenVerifier accessTokenVerifier() {
        return new AccessTokenVerifier(new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK())), AccessTokens.DEFAULT_ISSUER);
    }

    static Caller caller(String... roles) {
        return new Caller(UUID.randomUUID(), UUID.randomUUID(), List.of(roles));
    }

    static Caller superAdmin() {
        return caller("SUPER_ADMIN", "TRAVELLER");
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("rbac-test").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A logged-in user as the gateway forwards them. */
    record Caller(UUID userId, UUID sessionId, List<String> roles) {

        String token() {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(AccessTokens.DEFAULT_ISSUER)
                    .audience(AccessTokens.AUDIENCE).subject(userId.toString())
                    .claim(AccessTokens.SESSION_ID_CLAIM, sessionId.toString()).jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokens.TYPE)
                    .keyID(KEY.getKeyID()).build(), claims);
            try {
                jwt.sign(new RSASSASigner(KEY));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
