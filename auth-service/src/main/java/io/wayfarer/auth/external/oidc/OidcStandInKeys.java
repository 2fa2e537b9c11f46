package io.wayfarer.auth.external.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * The stand-in issuer's signing key: an RSA key pair made at every start and kept in memory only (never
 * written, never committed). Each auth-service instance has its own; an instance only verifies ID tokens
 * from its own stand-in, because its issuer is its own address.
 */
@Component
@ConditionalOnBooleanProperty("wayfarer.auth.oidc-stand-in.enabled")
class OidcStandInKeys {

    private final RSAKey key;

    OidcStandInKeys() {
        try {
            key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("No RSA key for the OIDC stand-in", e);
        }
    }

    /** An RS256 JWT with the key's id in the header. */
    String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("The OIDC stand-in could not sign", e);
        }
        return jwt.serialize();
    }

    /** The public half only, as a JWK Set document. */
    String jwkSet() {
        return new JWKSet(key.toPublicJWK()).toString(true);
    }
}
