package io.wayfarer.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.auth.AuthProperties;
import io.wayfarer.platform.identity.AccessTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Signs access tokens as docs/identity.md describes them. */
@Component
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokenIssuer(SigningKeys keys, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    public IssuedAccessToken issue(UUID userId, UUID sessionId) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.accessTokenTtl());
        RSAKey key = keys.current();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(AccessTokens.AUDIENCE)
                .subject(userId.toString())
                .claim(AccessTokens.SESSION_ID_CLAIM, sessionId.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokens.TYPE).keyID(key.getKeyID()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
        return new IssuedAccessToken(jwt.serialize(), properties.accessTokenTtl().toSeconds());
    }

    public record IssuedAccessToken(String value, long expiresInSeconds) {
    }
}
