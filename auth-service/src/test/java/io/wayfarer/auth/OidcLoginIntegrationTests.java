package io.wayfarer.auth;

import static io.wayfarer.auth.WeChatLoginIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Login at a standard OpenID Connect issuer — a real one in-process (mock-oauth2-server: discovery,
 * authorize, token, JWKS, signed ID tokens, PKCE checked) — configured only by issuer, client id
 * and secret.
 */
@IntegrationTest(properties = {
        "wayfarer.auth.oidc.acme.client-id=wayfarer-web",
        "wayfarer.auth.oidc.acme.client-secret=acme-test-secret",
        "wayfarer.auth.oidc.beta.client-id=wayfarer-web",
        "wayfarer.auth.oidc.beta.client-secret=beta-test-secret"})
class OidcLoginIntegrationTests {

    static final String ISSUER_ID = "acme";
    /** The callback URL registered at the issuer names this port, so it must be known before start. */
    static final int PORT = WeChatLoginIntegrationTests.freePort();
    static MockOAuth2Server issuer;

    @LocalServerPort
    int port;

    AuthApi api;
    String base;

    @DynamicPropertySource
    static void oidcIssuer(DynamicPropertyRegistry registry) {
        issuer = new MockOAuth2Server();
        issuer.start();
        registry.add("server.port", () -> PORT);
        registry.add("wayfarer.auth.oauth2.public-url", () -> "http://localhost:" + PORT);
        registry.add("wayfarer.auth.oidc.acme.issuer-uri", () -> issuer.issuerUrl(ISSUER_ID).toString());
        registry.add("wayfarer.auth.oidc.beta.issuer-uri", () -> issuer.issuerUrl("beta").toString());
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.shutdown();
    }

    @BeforeEach
    void setUp() {
        api = new AuthApi(port);
        base = "http://localhost:" + port;
    }

    @Test
    void aLoginAtTheIssuerCreatesAnAccountAndIssuesTheUsualTokens() {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "acme-user-1", "JWT", List.of("wayfarer-web"),
                Map.of("name", "Ada from Acme"), 3600));
        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(base + "/v1/auth/oauth2/acme"));
        assertThat(authorize).startsWith(issuer.authorizationEndpointUrl(ISSUER_ID).toString());
        assertThat(Browser.query(authorize, "client_id")).isEqualTo("wayfarer-web");
        assertThat(Browser.query(authorize, "code_challenge_method")).isEqualTo("S256");
        assertThat(Browser.query(authorize, "code_challenge")).isNotBlank();
        assertThat(Browser.query(authorize, "nonce")).isNotBlank();
        assertThat(Browser.query(authorize, "scope")).isEqualTo("openid profile");

        String callback = Browser.location(browser.get(authorize));
        String app = Browser.location(browser.get(callback));
        assertThat(app).startsWith("/?login_code=");

        HttpResponse<String> exchanged = api.post("/v1/auth/oauth2/exchange",
                "{\"code\":\"" + Browser.query(app, "login_code") + "\"}", null);
        Tokens tokens = new AuthApi.Answer(exchanged).tokens("acme");
        JsonNode me = AuthApi.body(api.get("/v1/users/me", tokens.accessToken()));
        assertThat(me.path("account").asString()).matches("acme_[a-z0-9]{12}");
        assertThat(me.path("displayName").asString()).isEqualTo("Ada from Acme");
        JsonNode identities = AuthApi.body(api.get("/v1/users/me/identities", tokens.accessToken()));
        assertThat(identities.get(0).path("provider").asString()).isEqualTo("acme");
    }

    @Test
    void anIdTokenMadeForAnotherLoginIsRefused() {
        // someone swapped the nonce of the authorization request: state and PKCE still match
        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(base + "/v1/auth/oauth2/acme"));
        String tampered = authorize.replace("nonce=" + Browser.query(authorize, "nonce"), "nonce=chosen-by-the-attacker");
        String callback = Browser.location(browser.get(tampered));
        problem(browser.get(callback), 400, "oauth2-invalid-id-token");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        issuer.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "acme-user-2", "JWT", List.of("someone-else"),
                Map.of("aud", List.of("someone-else")), 3600));
        Browser browser = new Browser();
        String callback = Browser.location(browser.get(Browser.location(browser.get(base + "/v1/auth/oauth2/acme"))));
        problem(browser.get(callback), 400, "oauth2-invalid-id-token");
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() {
        Browser browser = new Browser();
        String callback = Browser.location(browser.get(Browser.location(browser.get(base + "/v1/auth/oauth2/acme"))));
        String otherState = callback.replace("state=" + Browser.query(callback, "state"), "state=forged-state-value");
        problem(browser.get(otherState), 400, "oauth2-invalid-state");
    }

    @Test
    void twoConcurrentUnlinksCannotRemoveBothWaysToLogIn() throws Exception {
        Browser browser = new Browser();
        String app = Browser.location(browser.get(Browser.location(browser.get(Browser.location(
                browser.get(base + "/v1/auth/oauth2/acme"))))));
        Tokens tokens = new AuthApi.Answer(api.post("/v1/auth/oauth2/exchange",
                "{\"code\":\"" + Browser.query(app, "login_code") + "\"}", null)).tokens("acme");
        String linkAt = AuthApi.body(browser.get(base + "/v1/auth/oauth2/beta", tokens.accessToken()))
                .path("authorizationUrl").asString();
        assertThat(Browser.location(browser.get(Browser.location(browser.get(linkAt))))).isEqualTo("/?linked=beta");
        assertThat(AuthApi.body(api.get("/v1/users/me/identities", tokens.accessToken())).size()).isEqualTo(2);

        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> unlinks = Stream.of("acme", "beta").map(provider -> threads.submit(() -> {
                together.await(30, TimeUnit.SECONDS);
                return api.send("/v1/users/me/identities/" + provider, "DELETE", null, null, tokens.accessToken())
                        .statusCode();
            })).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> unlink : unlinks) {
                statuses.add(unlink.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(204, 409);
        } finally {
            threads.shutdownNow();
        }
        assertThat(AuthApi.body(api.get("/v1/users/me/identities", tokens.accessToken())).size()).isEqualTo(1);
    }

    @Test
    void anUnknownProviderIsNotFound() {
        problem(new Browser().get(base + "/v1/auth/oauth2/nosuch"), 404, "not-found");
    }
}
