package io.wayfarer.gateway;

import static io.wayfarer.gateway.EdgeAuthenticationIntegrationTests.PROTECTED;
import static io.wayfarer.gateway.EdgeAuthenticationIntegrationTests.assertUnauthenticated;
import static io.wayfarer.gateway.EdgeAuthenticationIntegrationTests.requestId;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.platform.identity.AccessTokens;
import io.wayfarer.platform.requestid.RequestId;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W2's attack suite, one test per attack, through the real gateway: each forged, stolen-shape or
 * mis-addressed token is refused with 401 + {@code WWW-Authenticate: Bearer error="invalid_token"} and
 * never reaches the service. Each token names a live session, so only the token itself is at fault.
 */
class TokenAttackIntegrationTests {

    private static GatewayTestBed bed;
    /** Serves the attacker's key set and counts every request: the gateway must never call it. */
    private static StubService attacker;
    private static final RSAKey ATTACKER_KEY = TestTokens.newKey("attacker-key");
    private TestSessions.Session session;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
        attacker = StubService.start("attacker", Duration.ZERO);
        attacker.publishKeys(TestTokens.jwks(ATTACKER_KEY));
    }

    @AfterAll
    static void stopAttacker() {
        attacker.close();
    }

    @BeforeEach
    void liveSession() {
        session = bed.sessions.create("TRAVELLER");
    }

    @Test
    void theControlTokenIsAccepted() {
        assertThat(call("Bearer " + session.token().build()).statusCode()).isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() {
        assertRefused(unsigned("none"));
    }

    @Test
    void algNoneCapitalisedIsRefused() {
        assertRefused(unsigned("None"));
    }

    @Test
    void emptySignatureIsRefused() {
        String signed = session.token().build();
        assertRefused(signed.substring(0, signed.lastIndexOf('.') + 1));
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyAsSecretIsRefused() throws JOSEException {
        byte[] publicKey = TestTokens.SIGNING_KEY.toRSAPublicKey().getEncoded();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AccessTokens.TYPE)
                .keyID(TestTokens.SIGNING_KEY.getKeyID()).build(), session.token().claimSet());
        jwt.sign(new MACSigner(publicKey));
        assertRefused(jwt.serialize());
    }

    @Test
    void unknownKidIsRefused() {
        assertRefused(session.token().signedWith(ATTACKER_KEY).keyId("no-such-key").build());
    }

    @Test
    void garbageKidIsRefused() {
        assertRefused(session.token().signedWith(ATTACKER_KEY).keyId("\u0000\u00ff<script>' OR 1=1 --").build());
    }

    @Test
    void pathTraversalKidIsRefused() {
        assertRefused(session.token().signedWith(ATTACKER_KEY).keyId("../../../../etc/passwd").build());
        assertRefused(session.token().keyId("../../x").build());
    }

    @Test
    void jkuHeaderIsNeverFollowed() {
        assertRefused(session.token().signedWith(ATTACKER_KEY)
                .header(h -> h.jwkURL(attackerUri(StubService.JWKS_PATH))).build());
        assertThat(attacker.received()).isEmpty();
    }

    @Test
    void embeddedJwkHeaderIsNeverTrusted() {
        assertRefused(session.token().signedWith(ATTACKER_KEY).header(h -> h.jwk(ATTACKER_KEY.toPublicJWK())).build());
        assertRefused(session.token().signedWith(ATTACKER_KEY).keyId(TestTokens.SIGNING_KEY.getKeyID())
                .header(h -> h.jwk(ATTACKER_KEY.toPublicJWK())).build());
    }

    @Test
    void x5uHeaderIsNeverFollowed() {
        assertRefused(session.token().signedWith(ATTACKER_KEY).header(h -> h.x509CertURL(attackerUri("/cert.pem"))).build());
        assertThat(attacker.received()).isEmpty();
    }

    @Test
    void expiredBeyondTheSkewIsRefused() {
        assertRefused(session.token().expiresIn(Duration.ofSeconds(-AccessTokens.CLOCK_SKEW_SECONDS - 30)).build());
    }

    @Test
    void expiredWithinTheSkewIsStillAccepted() {
        String token = session.token().expiresIn(Duration.ofSeconds(-10)).build();
        assertThat(call("Bearer " + token).statusCode()).isEqualTo(200);
    }

    @Test
    void notBeforeInTheFutureIsRefused() {
        assertRefused(session.token().notBefore(Duration.ofMinutes(5)).build());
    }

    @Test
    void wrongAudienceIsRefused() {
        assertRefused(session.token().audience("another-api").build());
    }

    @Test
    void wrongIssuerIsRefused() {
        assertRefused(session.token().issuer("https://evil.example/auth").build());
    }

    @Test
    void plainJwtTypeIsRefused() {
        assertRefused(session.token().type(JOSEObjectType.JWT).build());
    }

    @Test
    void missingTypeIsRefused() {
        assertRefused(session.token().type(null).build());
    }

    @Test
    void idTokenShapeIsRefused() {
        // what an OpenID provider would hand a client: typ JWT, the client as audience, a nonce
        assertRefused(session.token().type(JOSEObjectType.JWT).audience("wayfarer-web")
                .claims(c -> c.claim("nonce", "n-0S6_WzA2Mj").claim("auth_time", 1_700_000_000L)).build());
    }

    @Test
    void refreshTokenShapeIsRefused() {
        assertRefused(session.token().type(new JOSEObjectType("rt+jwt")).claims(c -> c.claim("token_use", "refresh")).build());
        // and the real refresh token is opaque: 256 random bits, not a JWT at all
        assertRefused("q3D8vYbZ1sK0o7jJm2F3w9uX6tE5rL4pN8aC1bV0hGk");
    }

    @Test
    void missingSessionIdIsRefused() {
        assertRefused(session.token().without(AccessTokens.SESSION_ID_CLAIM).build());
    }

    @Test
    void missingSubjectIsRefused() {
        assertRefused(session.token().without("sub").build());
    }

    @Test
    void missingExpiryIsRefused() {
        assertRefused(session.token().without("exp").build());
    }

    @Test
    void unknownRsaKeyWithAKnownKidIsRefused() {
        assertRefused(session.token().signedWith(ATTACKER_KEY).keyId(TestTokens.SIGNING_KEY.getKeyID()).build());
    }

    @Test
    void oversizedTokenIsRefused() {
        String token = session.token().claims(c -> c.claim("padding", "x".repeat(AccessTokens.MAX_LENGTH))).build();
        assertThat(token.length()).isGreaterThan(AccessTokens.MAX_LENGTH);
        assertRefused(token);
    }

    @Test
    void oversizedHeaderIsRefusedBeforeParsing() {
        String requestId = requestId();
        RawHttp.Response response = RawHttp.get(bed.port, PROTECTED, "Authorization: Bearer " + "a".repeat(20_000),
                RequestId.HEADER + ": " + requestId);

        // Reactor Netty refuses headers over server.max-http-request-header-size (8 KB) before any
        // Spring code runs: 431 and the connection closed. A token up to that size gets a 401 problem.
        assertThat(response.status()).as(response.toString()).isEqualTo(431);
        assertThat(bed.auth.receivedWithRequestId(requestId)).isNull();
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWhenBothAreValid() {
        String requestId = requestId();
        RawHttp.Response response = RawHttp.get(bed.port, PROTECTED, "Authorization: " + session.bearer(),
                "Authorization: " + session.bearer(), RequestId.HEADER + ": " + requestId);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(bed.auth.receivedWithRequestId(requestId)).isNull();
    }

    @Test
    void otherAuthorizationSchemesAreRefused() {
        assertUnauthenticated(call("Basic YWxpY2U6c2VjcmV0"));
        assertUnauthenticated(call("Bearer"));
        assertUnauthenticated(call("Bearer " + session.token().build() + " extra"));
    }

    @Test
    void tokenInTheQueryStringIsIgnored() {
        HttpResponse<String> response = EdgeHttp.get(bed.port, PROTECTED + "?access_token=" + session.token().build());
        assertUnauthenticated(response, "Bearer");
    }

    @Test
    void tokenInACookieIsIgnored() {
        String token = session.token().build();
        HttpResponse<String> response = EdgeHttp.get(bed.port, PROTECTED,
                "Cookie", "access_token=" + token + "; Authorization=Bearer%20" + token);
        assertUnauthenticated(response, "Bearer");
    }

    /** The claims of an otherwise acceptable token, with no signature and the given {@code alg}. */
    private String unsigned(String algorithm) {
        String header = TestTokens.base64("{\"alg\":\"" + algorithm + "\",\"typ\":\"at+jwt\",\"kid\":\""
                + TestTokens.SIGNING_KEY.getKeyID() + "\"}");
        return header + "." + TestTokens.base64(session.token().claimSet().toString()) + ".";
    }

    private static URI attackerUri(String path) {
        return URI.create("http://127.0.0.1:" + attacker.port() + path);
    }

    private HttpResponse<String> call(String authorization) {
        return EdgeHttp.get(bed.port, PROTECTED, "Authorization", authorization);
    }

    private void assertRefused(String token) {
        String requestId = requestId();
        HttpResponse<String> response = EdgeHttp.get(bed.port, PROTECTED, "Authorization", "Bearer " + token,
                RequestId.HEADER, requestId);
        assertUnauthenticated(response);
        assertThat(bed.auth.receivedWithRequestId(requestId)).as("the service never sees a refused request").isNull();
        assertThat(attacker.received()).as("the attacker's server is never called").isEmpty();
    }
}
