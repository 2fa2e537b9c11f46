package io.wayfarer.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Every way to forge or misuse an access token is refused by the one verifier all parts share. */
class AccessTokenVerifierTests {

    private final TokenForge forge = new TokenForge();
    private final AccessTokenVerifier verifier =
            new AccessTokenVerifier(new ImmutableJWKSet<>(new JWKSet(forge.key.toPublicJWK())), TokenForge.ISSUER);

    @Test
    void acceptsAGenuineToken() {
        String token = forge.valid();
        VerifiedToken verified = verifier.verify(token);
        assertThat(verified.userId()).isNotBlank();
        assertThat(verified.sessionId()).isNotBlank();
        assertThat(verified.expiresAt()).isAfter(Instant.now());
    }

    @Test
    void refusesAlgNoneInAnySpelling() {
        refused(forge.unsigned("none"));
        refused(forge.unsigned("None"));
        refused(forge.unsigned("NONE"));
    }

    @Test
    void refusesAnEmptySignature() {
        refused(forge.withEmptySignature());
    }

    @Test
    void refusesHs256SignedWithThePublicKey() {
        refused(forge.hmacWithPublicKey());
    }

    @Test
    void refusesATokenSignedByAnotherKeyUnderOurKid() {
        TokenForge impostor = new TokenForge(forge.key.getKeyID());
        refused(impostor.valid());
    }

    @Test
    void refusesUnknownGarbageAndTraversalKids() {
        refused(forge.withHeader(h -> h.keyID("no-such-key")));
        refused(forge.withHeader(h -> h.keyID("../../../../etc/passwd")));
        refused(forge.withHeader(h -> h.keyID("\u0000%00'; DROP TABLE signing_key;--")));
    }

    @Test
    void neverFollowsKeyUrlsOrEmbeddedKeysFromTheHeader() {
        TokenForge attacker = new TokenForge(forge.key.getKeyID());
        refused(attacker.withHeader(h -> h.jwkURL(URI.create("http://127.0.0.1:1/jwks.json"))));
        refused(attacker.withHeader(h -> h.jwk(attacker.key.toPublicJWK())));
        refused(attacker.withHeader(h -> h.x509CertURL(URI.create("http://127.0.0.1:1/cert.pem"))));
    }

    @Test
    void honoursExpiryWithThirtySecondsOfSkew() {
        Instant now = Instant.now();
        assertThat(verifier.verify(forge.withClaims(c -> c.expirationTime(Date.from(now.minusSeconds(10)))))).isNotNull();
        refused(forge.withClaims(c -> c.expirationTime(Date.from(now.minusSeconds(60)))));
        refused(forge.withClaims(c -> c.notBeforeTime(Date.from(now.plusSeconds(120)))));
    }

    @Test
    void refusesTokensMeantForSomeoneElse() {
        refused(forge.withClaims(c -> c.audience("another-api")));
        refused(forge.withClaims(c -> c.issuer("https://evil.example/auth")));
    }

    @Test
    void refusesOtherTokenTypes() {
        refused(forge.withHeader(h -> h.type(TokenForge.type("JWT"))));
        refused(forge.withHeader(h -> h.type(TokenForge.type("refresh+jwt"))));
        refused(forge.withHeader(h -> h.type(null)));
    }

    @Test
    void refusesTokensMissingRequiredClaims() {
        refused(forge.withClaims(c -> c.claim(AccessTokens.SESSION_ID_CLAIM, null)));
        refused(forge.withClaims(c -> c.subject(null)));
        refused(forge.withClaims(c -> c.expirationTime(null)));
        refused(forge.withClaims(c -> c.jwtID(null)));
    }

    @Test
    void refusesOversizedAndMalformedInput() {
        refused(forge.withClaims(c -> c.claim("padding", "x".repeat(5000))));
        refused("");
        refused(null);
        refused("not.a.jwt");
        refused("eyJ.eyJ.eyJ");
    }

    private void refused(String token) {
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidTokenException.class);
    }
}
