package io.wayfarer.auth;

import static io.wayfarer.auth.WeChatLoginIntegrationTests.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The local OpenID Connect stand-in, driven through auth-service's own OIDC client (discovery, PKCE, nonce,
 * ID token verified against the stand-in's JWKS), configured as the local profile configures it; and the
 * stand-in's own refusals, as a real issuer's.
 */
@IntegrationTest(properties = {
        "wayfarer.auth.oidc-stand-in.enabled=true",
        "wayfarer.auth.oidc-stand-in.provider=demo-id",
        "wayfarer.auth.oidc.demo-id.client-id=wayfarer-test",
        "wayfarer.auth.oidc.demo-id.client-secret=only-the-stand-in-knows",
        "wayfarer.auth.oidc.demo-id.label=Demo ID"})
class OidcStandInIntegrationTests {

    static final String STANDIN = "/v1/auth/oauth2/oidc-standin";
    /** The issuer is this service's own address, so the port must be known before start. */
    static final int PORT = WeChatLoginIntegrationTests.freePort();
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">");

    @LocalServerPort
    int port;

    AuthApi api;
    String base;
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void standIn(DynamicPropertyRegistry registry) {
        String self = "http://localhost:" + PORT;
        registry.add("server.port", () -> PORT);
        registry.add("wayfarer.auth.oauth2.public-url", () -> self);
        registry.add("wayfarer.auth.oidc-stand-in.issuer", () -> self + STANDIN);
        registry.add("wayfarer.auth.oidc-stand-in.authorization-base", () -> self + STANDIN);
        registry.add("wayfarer.auth.oidc.demo-id.issuer-uri", () -> self + STANDIN);
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    @BeforeEach
    void setUp() {
        api = new AuthApi(port);
        base = "http://localhost:" + port;
    }

    @Test
    void theProviderListIsTheLocalProfilesDemoIdAlone() {
        // WeChat has no app id here, so the app gets no WeChat button
        HttpResponse<String> listed = api.get("/v1/auth/oauth2/providers", null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(AuthApi.body(listed).path("items").toString())
                .isEqualTo("[{\"name\":\"demo-id\",\"label\":\"Demo ID\",\"type\":\"oidc\"}]");
    }

    @Test
    void aLoginAtTheStandInGoesThroughAuthServicesOidcClientAndTheSamePersonComesBackToTheSameAccount() {
        Tokens first = logIn("ada");
        JsonNode me = AuthApi.body(api.get("/v1/users/me", first.accessToken()));
        assertThat(me.path("account").asString()).matches("demoid_[a-z0-9]{12}"); // the provider name without its hyphen
        assertThat(me.path("displayName").asString()).isEqualTo("Ada Lovelace");
        assertThat(AuthApi.body(api.get("/v1/users/me/identities", first.accessToken())).get(0).path("provider").asString())
                .isEqualTo("demo-id");

        Tokens again = logIn("ada");
        assertThat(AuthApi.body(api.get("/v1/users/me", again.accessToken())).path("id"))
                .isEqualTo(me.path("id"));
        Tokens someoneElse = logIn("grace");
        assertThat(AuthApi.body(api.get("/v1/users/me", someoneElse.accessToken())).path("id"))
                .isNotEqualTo(me.path("id"));
    }

    @Test
    void theAuthorizationRequestCarriesPkceAndANonceAndTheDiscoveryDocumentNamesTheKeys() throws Exception {
        String authorize = Browser.location(new Browser().get(base + "/v1/auth/oauth2/demo-id"));
        assertThat(authorize).startsWith(base + STANDIN + "/authorize?");
        assertThat(Browser.query(authorize, "code_challenge_method")).isEqualTo("S256");
        assertThat(Browser.query(authorize, "nonce")).isNotBlank();

        JsonNode discovery = AuthApi.body(http.send(HttpRequest.newBuilder(URI.create(base + STANDIN + "/.well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(discovery.path("issuer").asString()).isEqualTo(base + STANDIN);
        JsonNode jwks = AuthApi.body(http.send(HttpRequest.newBuilder(URI.create(discovery.path("jwks_uri").asString())).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(jwks.path("keys").get(0).path("kty").asString()).isEqualTo("RSA");
        assertThat(jwks.path("keys").get(0).has("d")).as("never the private half").isFalse();
    }

    @Test
    void cancellingAtTheStandInIsALoginNotCompleted() {
        Browser browser = new Browser();
        String callback = Browser.location(browser.get(submit(browser, Browser.location(browser.get(base + "/v1/auth/oauth2/demo-id")), "ada", "deny")));
        assertThat(Browser.query(callback, "error")).isEqualTo("access_denied");
        problem(browser.get(callback), 400, "oauth2-login-cancelled");
    }

    @Test
    void theStandInRefusesAForeignRedirectUriAndARequestWithoutPkce() {
        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(base + "/v1/auth/oauth2/demo-id"));
        String foreign = authorize.replaceAll("redirect_uri=[^&]*",
                "redirect_uri=" + URLEncoder.encode("https://evil.example/v1/auth/oauth2/demo-id/callback", StandardCharsets.UTF_8));
        HttpResponse<String> refused = browser.get(foreign);
        assertThat(refused.statusCode()).isEqualTo(400); // an error page: never a redirect to an unchecked address
        assertThat(refused.headers().firstValue("Location")).isEmpty();

        String withoutPkce = authorize.replaceAll("&code_challenge=[^&]*", "");
        assertThat(Browser.query(Browser.location(browser.get(withoutPkce)), "error")).isEqualTo("invalid_request");
    }

    @Test
    void theTokenEndpointChecksTheSecretTheVerifierAndUsesEachCodeOnce() throws Exception {
        String verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
        String redirect = base + "/v1/auth/oauth2/demo-id/callback";
        Map<String, String> request = new LinkedHashMap<>();
        request.put("client_id", "wayfarer-test");
        request.put("redirect_uri", redirect);
        request.put("response_type", "code");
        request.put("scope", "openid profile");
        request.put("state", "s");
        request.put("code_challenge", s256(verifier));
        request.put("code_challenge_method", "S256");
        request.put("user", "alan");
        request.put("decision", "allow");
        Browser browser = new Browser();
        String code = Browser.query(Browser.location(browser.get(base + STANDIN + "/confirm?" + form(request))), "code");
        String grant = "grant_type=authorization_code&code=" + code + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8);

        assertThat(token(grant + "&code_verifier=" + verifier, "wayfarer-test", "guessed").statusCode()).isEqualTo(401);
        HttpResponse<String> issued = token(grant + "&code_verifier=" + verifier, "wayfarer-test", "only-the-stand-in-knows");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String idToken = AuthApi.body(issued).path("id_token").asString();
        JsonNode header = AuthApi.json.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[0]));
        assertThat(header.path("alg").asString()).isEqualTo("RS256");
        JsonNode claims = AuthApi.json.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
        assertThat(claims.path("aud").isString() ? claims.path("aud").asString() : claims.path("aud").get(0).asString()).isEqualTo("wayfarer-test");
        assertThat(claims.path("iss").asString()).isEqualTo(base + STANDIN);
        assertThat(claims.path("name").asString()).isEqualTo("Alan Turing");

        HttpResponse<String> replayed = token(grant + "&code_verifier=" + verifier, "wayfarer-test", "only-the-stand-in-knows");
        assertThat(AuthApi.body(replayed).path("error").asString()).isEqualTo("invalid_grant");

        String another = Browser.query(Browser.location(browser.get(base + STANDIN + "/confirm?" + form(request))), "code");
        HttpResponse<String> wrongVerifier = token("grant_type=authorization_code&code=" + another + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=not-the-verifier-of-this-code-0123456789abcdef",
                "wayfarer-test", "only-the-stand-in-knows");
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(AuthApi.body(wrongVerifier).path("error").asString()).isEqualTo("invalid_grant");
    }

    /** The whole redirect dance, the page's form submitted as a browser would, then the app's code exchange. */
    private Tokens logIn(String user) {
        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(base + "/v1/auth/oauth2/demo-id"));
        String callback = Browser.location(browser.get(submit(browser, authorize, user, "allow")));
        assertThat(callback).startsWith(base + "/v1/auth/oauth2/demo-id/callback?code=");
        String app = Browser.location(browser.get(callback));
        assertThat(app).startsWith("/?login_code=");
        HttpResponse<String> exchanged = api.post("/v1/auth/oauth2/exchange",
                "{\"code\":\"" + Browser.query(app, "login_code") + "\"}", null);
        return new AuthApi.Answer(exchanged).tokens(user);
    }

    /** The login page's form: its hidden fields, the person picked and the button pressed. */
    private String submit(Browser browser, String authorize, String user, String decision) {
        HttpResponse<String> page = browser.get(authorize);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<option value=\"" + user + "\"");
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(page.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), HtmlUtils.htmlUnescape(hidden.group(2)));
        }
        fields.put("user", user);
        fields.put("decision", decision);
        return base + STANDIN + "/confirm?" + form(fields);
    }

    private HttpResponse<String> token(String body, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + STANDIN + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
