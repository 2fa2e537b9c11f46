package io.wayfarer.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.platform.identity.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Access tokens as auth-service's AccessTokenIssuer signs them (docs/identity.md), and every way to
 * get them wrong. {@link #SIGNING_KEY} is what the test auth-service publishes in its JWKS.
 */
final class TestTokens {

    static final RSAKey SIGNING_KEY = newKey("test-key-1");

    private TestTokens() {
    }

    static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jwks(RSAKey... keys) {
        return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    static Builder anAccessToken(String userId, String sessionId) {
        return new Builder(userId, sessionId);
    }

    static String base64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static final class Builder {
        private RSAKey key = SIGNING_KEY;
        private String keyId;
        private JOSEObjectType type = AccessTokens.TYPE;
        private UnaryOperator<JWSHeader.Builder> header = UnaryOperator.identity();
        private String issuer = AccessTokens.DEFAULT_ISSUER;
        private String audience = AccessTokens.AUDIENCE;
        private final String userId;
        private final String sessionId;
        private Instant issuedAt = Instant.now();
        private Instant expires = Instant.now().plus(Duration.ofMinutes(15));
        private Instant notBefore;
        private final Set<String> omitted = new HashSet<>();
        private UnaryOperator<JWTClaimsSet.Builder> claims = UnaryOperator.identity();

        private Builder(String userId, String sessionId) {
            this.userId = userId;
            this.sessionId = sessionId;
        }

        Builder signedWith(RSAKey signingKey) {
            this.key = signingKey;
            return this;
        }

        Builder keyId(String value) {
            this.keyId = value;
            return this;
        }

        Builder type(JOSEObjectType value) {
            this.type = value;
            return this;
        }

        Builder header(UnaryOperator<JWSHeader.Builder> value) {
            this.header = value;
            return this;
        }

        Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        Builder audience(String value) {
            this.audience = value;
            return this;
        }

        Builder expiresIn(Duration fromNow) {
            this.expires = Instant.now().plus(fromNow);
            this.issuedAt = expires.minus(Duration.ofMinutes(15));
            return this;
        }

        Builder notBefore(Duration fromNow) {
            this.notBefore = Instant.now().plus(fromNow);
            return this;
        }

        Builder without(String claim) {
            omitted.add(claim);
            return this;
        }

        Builder claims(UnaryOperator<JWTClaimsSet.Builder> value) {
            this.claims = value;
            return this;
        }

        JWTClaimsSet claimSet() {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .issuer(issuer).audience(audience).subject(userId)
                    .claim(AccessTokens.SESSION_ID_CLAIM, sessionId)
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(expires));
            if (notBefore != null) {
                builder.notBeforeTime(Date.from(notBefore));
            }
            builder = claims.apply(builder);
            for (String claim : omitted) {
                builder.claim(claim, null);
            }
            return builder.build();
        }

        JWSHeader.Builder headerBuilder() {
            JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(keyId != null ? keyId : key.getKeyID());
            if (type != null) {
                builder.type(type);
            }
            return header.apply(builder);
        }

        String build() {
            SignedJWT jwt = new SignedJWT(headerBuilder().build(), claimSet());
            try {
                jwt.sign(new RSASSASigner(key));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
