package io.wayfarer.platform.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Makes good and evil access tokens for the attack tests. */
final class TokenForge {

    static final String ISSUER = AccessTokens.DEFAULT_ISSUER;

    final RSAKey key;

    TokenForge() {
        this(UUID.randomUUID().toString());
    }

    TokenForge(String kid) {
        try {
            key = new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AccessTokens.AUDIENCE)
                .subject(UUID.randomUUID().toString())
                .claim(AccessTokens.SESSION_ID_CLAIM, UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)));
    }

    JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokens.TYPE).keyID(key.getKeyID());
    }

    String sign(JWSHeader header, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String valid() {
        return sign(header().build(), claims().build());
    }

    String withClaims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(header().build(), change.apply(claims()).build());
    }

    String withHeader(UnaryOperator<JWSHeader.Builder> change) {
        return sign(change.apply(header()).build(), claims().build());
    }

    String unsigned(String alg) {
        String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + key.getKeyID() + "\"}")
                .toString();
        return header + "." + Base64URL.encode(claims().build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    String withEmptySignature() {
        String token = valid();
        return token.substring(0, token.lastIndexOf('.') + 1);
    }

    /** HS256 with the RSA public key's bytes as the secret: the classic algorithm confusion. */
    String hmacWithPublicKey() {
        try {
            byte[] secret = key.toPublicJWK().toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE)
                    .keyID(key.getKeyID()).build(), claims().build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JOSEObjectType type(String type) {
        return new JOSEObjectType(type);
    }
}
