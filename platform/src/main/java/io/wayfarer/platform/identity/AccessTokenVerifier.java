package io.wayfarer.platform.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Set;

/**
 * Checks a Wayfarer access token: RS256 only (the algorithm is pinned, so {@code none} and
 * HS256-with-the-public-key are refused), {@code typ: at+jwt}, a key from the given JWK source
 * (header {@code jku}/{@code jwk}/{@code x5u} are never followed), {@code iss}, {@code aud},
 * {@code exp}/{@code nbf} with 30 s skew and the required claims. Session liveness is the
 * caller's next step. Keys that cannot be fetched are {@link KeysUnavailableException}, not a bad token.
 */
public final class AccessTokenVerifier {

    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", AccessTokens.SESSION_ID_CLAIM, "jti", "iat", "exp");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public AccessTokenVerifier(JWKSource<SecurityContext> keys, String issuer) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(AccessTokens.TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                AccessTokens.AUDIENCE, new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS);
        claims.setMaxClockSkew(AccessTokens.CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    public VerifiedToken verify(String token) {
        if (token == null || token.isEmpty() || token.length() > AccessTokens.MAX_LENGTH) {
            throw new InvalidTokenException("token missing or too long");
        }
        try {
            JWTClaimsSet claims = processor.process(SignedJWT.parse(token), null);
            return new VerifiedToken(claims.getSubject(), claims.getStringClaim(AccessTokens.SESSION_ID_CLAIM),
                    claims.getJWTID(), claims.getExpirationTime().toInstant());
        } catch (KeySourceException e) {
            throw new KeysUnavailableException("cannot check the token now: " + e.getMessage(), e);
        } catch (ParseException | BadJOSEException | JOSEException | ClassCastException e) {
            throw new InvalidTokenException("token rejected: " + e.getMessage(), e);
        }
    }
}
