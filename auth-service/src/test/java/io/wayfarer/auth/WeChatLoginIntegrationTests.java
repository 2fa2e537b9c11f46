package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * WeChat website login end to end over real HTTP, against the WeChat stand-in this service serves
 * itself (the same one the local launcher uses): the browser's redirects, the page, WeChat's API
 * calls with their errcode behaviour, and the app's code exchange.
 */
@IntegrationTest(properties = {
        "wayfarer.auth.bootstrap-roles.root=SUPER_ADMIN",
        "wayfarer.auth.wechat.stand-in=true",
        "wayfarer.auth.wechat.app-id=wx-test-app",
        "wayfarer.auth.wechat.secret=only-the-stand-in-knows",
        "wayfarer.auth.app-url=/app/"})
class WeChatLoginIntegrationTests {

    static final String STANDIN = "/v1/auth/oauth2/wechat-standin";
    static final String STATE_COOKIE = "wayfarer_oauth2_state";
    /** The stand-in is reached at this service's own address, so the port must be known before start. */
    static final int PORT = freePort();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    AuthApi api;
    String base;

    @DynamicPropertySource
    static void standIn(DynamicPropertyRegistry registry) {
        String self = "http://localhost:" + PORT;
        registry.add("server.port", () -> PORT);
        registry.add("wayfarer.auth.oauth2.public-url", () -> self);
        registry.add("wayfarer.auth.wechat.open-base", () -> self + STANDIN);
        registry.add("wayfarer.auth.wechat.api-base", () -> self + STANDIN);
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    @BeforeEach
    void setUp() {
        api = new AuthApi(port);
        base = "http://localhost:" + port;
    }

    @Test
    void aFirstWeChatLoginCreatesATravellerAndIssuesTheUsualTokens() {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(base + "/v1/auth/oauth2/wechat");
        String authorize = Browser.location(start);
        assertThat(authorize).startsWith(base + STANDIN + "/connect/qrconnect?appid=wx-test-app&redirect_uri="
                + URLEncoder.encode(base + "/v1/auth/oauth2/wechat/callback", StandardCharsets.UTF_8)
                + "&response_type=code&scope=snsapi_login&state=").endsWith("#wechat_redirect");
        String state = Browser.query(authorize, "state");
        assertThat(state).hasSizeGreaterThanOrEqualTo(43);
        assertThat(start.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(STATE_COOKIE + "=" + state + ";")
                .contains("Path=/v1/auth/oauth2", "HttpOnly", "SameSite=Lax", "Secure", "Max-Age=600");

        HttpResponse<String> landing = browser.get(scan(browser, authorize, "Wang Lu", ""));
        String app = Browser.location(landing);
        assertThat(app).startsWith("/app/?login_code=").doesNotContain("access").doesNotContain("token");
        assertThat(browser.cookie(STATE_COOKIE)).isNull();

        Tokens tokens = exchange(Browser.query(app, "login_code"));
        JsonNode me = AuthApi.body(api.get("/v1/users/me", tokens.accessToken()));
        assertThat(me.path("account").asString()).matches("wx_[a-z0-9]{12}");
        assertThat(me.path("displayName").asString()).isEqualTo("Wang Lu");
        assertThat(me.path("email").isNull()).isTrue();
        assertThat(me.path("lastLoginAt").isNull()).isFalse();
        JsonNode identities = AuthApi.body(api.get("/v1/users/me/identities", tokens.accessToken()));
        assertThat(identities.size()).isEqualTo(1);
        assertThat(identities.get(0).path("provider").asString()).isEqualTo("wechat");
        assertThat(identities.get(0).path("displayName").asString()).isEqualTo("Wang Lu");

        // the refresh token is an ordinary one, and the login code worked once only
        assertThat(api.refresh(tokens.refreshToken()).status()).isEqualTo(200);
        problem(api.post("/v1/auth/oauth2/exchange", "{\"code\":\"" + Browser.query(app, "login_code") + "\"}", null),
                401, "invalid-login-code");
    }

    @Test
    void aReturningWeChatUserLogsIntoTheSameAccount() {
        String name = "Returning " + UUID.randomUUID();
        String first = userId(exchange(loginCode(new Browser(), name)));
        long users = users();
        String second = userId(exchange(loginCode(new Browser(), name)));
        assertThat(second).isEqualTo(first);
        assertThat(users()).isEqualTo(users);
    }

    @Test
    void aLoggedInUserLinksWeChatToTheirAccountAndThenLogsInWithIt() {
        Tokens traveller = api.newTraveller("lin");
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(base + "/v1/auth/oauth2/wechat", traveller.accessToken());
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.headers().firstValue("Cache-Control")).contains("no-store");
        String authorize = AuthApi.body(start).path("authorizationUrl").asString();

        String name = "Lin on WeChat " + UUID.randomUUID();
        String landing = Browser.location(browser.get(scan(browser, authorize, name, "")));
        assertThat(landing).isEqualTo("/app/?linked=wechat");
        JsonNode identities = AuthApi.body(api.get("/v1/users/me/identities", traveller.accessToken()));
        assertThat(identities.get(0).path("provider").asString()).isEqualTo("wechat");

        long users = users();
        assertThat(userId(exchange(loginCode(new Browser(), name)))).isEqualTo(userId(traveller));
        assertThat(users()).isEqualTo(users);

        // the same WeChat user cannot be linked to a second account as well
        Tokens other = api.newTraveller("mei");
        Browser otherBrowser = new Browser();
        String otherAuthorize = AuthApi.body(otherBrowser.get(base + "/v1/auth/oauth2/wechat", other.accessToken()))
                .path("authorizationUrl").asString();
        problem(otherBrowser.get(scan(otherBrowser, otherAuthorize, name, "")), 409, "oauth2-identity-linked-elsewhere");
    }

    @Test
    void aCallbackWhoseStateIsNotThisBrowsersIsRefused() {
        Browser victim = new Browser();
        Browser attacker = new Browser();
        String attackersCallback = scan(attacker, Browser.location(attacker.get(base + "/v1/auth/oauth2/wechat")),
                "Attacker " + UUID.randomUUID(), "");
        victim.get(base + "/v1/auth/oauth2/wechat");

        problem(victim.get(attackersCallback), 400, "oauth2-invalid-state");
        problem(new Browser().get(attackersCallback), 400, "oauth2-invalid-state");
        // refusing it did not use it up: its own browser still completes the login
        assertThat(Browser.location(attacker.get(attackersCallback))).startsWith("/app/?login_code=");
    }

    @Test
    void aStateWorksOnce() {
        Browser browser = new Browser();
        String authorize = Browser.location(browser.get(base + "/v1/auth/oauth2/wechat"));
        String state = Browser.query(authorize, "state");
        String callback = scan(browser, authorize, "Once " + UUID.randomUUID(), "");
        assertThat(Browser.location(browser.get(callback))).startsWith("/app/?login_code=");

        browser.setCookie(STATE_COOKIE, state);
        problem(browser.get(callback), 400, "oauth2-invalid-state");
    }

    @Test
    void aCodeWorksOnceEvenWithAFreshState() {
        Browser browser = new Browser();
        String callback = scan(browser, Browser.location(browser.get(base + "/v1/auth/oauth2/wechat")),
                "Code " + UUID.randomUUID(), "");
        assertThat(Browser.location(browser.get(callback))).startsWith("/app/?login_code=");

        String freshState = Browser.query(Browser.location(browser.get(base + "/v1/auth/oauth2/wechat")), "state");
        String replay = base + "/v1/auth/oauth2/wechat/callback?code=" + Browser.query(callback, "code")
                + "&state=" + freshState;
        problem(browser.get(replay), 400, "oauth2-code-used");
    }

    @Test
    void anUnknownCodeIsWeChatsErrcode40029() {
        Browser browser = new Browser();
        String state = Browser.query(Browser.location(browser.get(base + "/v1/auth/oauth2/wechat")), "state");
        JsonNode refused = problem(browser.get(base + "/v1/auth/oauth2/wechat/callback?code=not-from-wechat&state="
                + state), 400, "oauth2-invalid-code");
        assertThat(refused.path("errcode").asInt()).isEqualTo(40029);
        assertThat(refused.path("provider").asString()).isEqualTo("wechat");
    }

    @Test
    void whenWeChatCannotGiveTheProfileNothingIsCreated() {
        long users = users();
        Browser browser = new Browser();
        String callback = scan(browser, Browser.location(browser.get(base + "/v1/auth/oauth2/wechat")),
                "Unlucky " + UUID.randomUUID(), "userinfo-error");
        JsonNode refused = problem(browser.get(callback), 503, "oauth2-provider-unavailable");
        assertThat(refused.path("errcode").asInt()).isEqualTo(-1);
        assertThat(users()).isEqualTo(users);
    }

    @Test
    void aDisabledAccountCannotLogInThroughWeChat() {
        String name = "Disabled " + UUID.randomUUID();
        Tokens tokens = exchange(loginCode(new Browser(), name));
        String pendingCode = loginCode(new Browser(), name);
        disable(userId(tokens));

        problem(api.get("/v1/users/me", tokens.accessToken()), 401, "unauthenticated");
        problem(api.post("/v1/auth/oauth2/exchange", "{\"code\":\"" + pendingCode + "\"}", null), 403, "account-disabled");
        Browser browser = new Browser();
        String callback = scan(browser, Browser.location(browser.get(base + "/v1/auth/oauth2/wechat")), name, "");
        problem(browser.get(callback), 403, "account-disabled");
    }

    @Test
    void theLastWayToLogInCannotBeUnlinked() {
        Tokens wechatOnly = exchange(loginCode(new Browser(), "Only WeChat " + UUID.randomUUID()));
        problem(api.send("/v1/users/me/identities/wechat", "DELETE", null, null, wechatOnly.accessToken()), 409,
                "last-login-method");
        assertThat(AuthApi.body(api.get("/v1/users/me/identities", wechatOnly.accessToken())).size()).isEqualTo(1);

        Tokens withPassword = api.newTraveller("nina");
        Browser browser = new Browser();
        String authorize = AuthApi.body(browser.get(base + "/v1/auth/oauth2/wechat", withPassword.accessToken()))
                .path("authorizationUrl").asString();
        Browser.location(browser.get(scan(browser, authorize, "Nina " + UUID.randomUUID(), "")));
        assertThat(api.send("/v1/users/me/identities/wechat", "DELETE", null, null, withPassword.accessToken())
                .statusCode()).isEqualTo(204);
        assertThat(AuthApi.body(api.get("/v1/users/me/identities", withPassword.accessToken())).size()).isZero();
        problem(api.send("/v1/users/me/identities/wechat", "DELETE", null, null, withPassword.accessToken()), 404,
                "not-found");
    }

    /** The stand-in's page, then its "scan and confirm" button: returns where WeChat sends the browser back. */
    private String scan(Browser browser, String authorize, String name, String simulate) {
        HttpResponse<String> page = browser.get(authorize);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + STANDIN + "/connect/confirm\"");
        String confirm = base + STANDIN + "/connect/confirm?" + authorize.substring(authorize.indexOf('?') + 1,
                authorize.indexOf('#')) + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&simulate=" + simulate;
        String callback = Browser.location(browser.get(confirm));
        assertThat(callback).startsWith(base + "/v1/auth/oauth2/wechat/callback?code=");
        return callback;
    }

    private String loginCode(Browser browser, String name) {
        String callback = scan(browser, Browser.location(browser.get(base + "/v1/auth/oauth2/wechat")), name, "");
        return Browser.query(Browser.location(browser.get(callback)), "login_code");
    }

    private Tokens exchange(String loginCode) {
        return new AuthApi.Answer(api.post("/v1/auth/oauth2/exchange", "{\"code\":\"" + loginCode + "\"}", null))
                .tokens("wechat");
    }

    private String userId(Tokens tokens) {
        return AuthApi.body(api.get("/v1/users/me", tokens.accessToken())).path("id").asString();
    }

    private void disable(String userId) {
        if (api.login("root", AuthApi.PASSWORD).status() != 200) {
            api.register("root", "root@example.com", AuthApi.PASSWORD);
        }
        String admin = api.login("root", AuthApi.PASSWORD).tokens("root").accessToken();
        assertThat(api.send("/v1/users/" + userId, "PATCH", "application/merge-patch+json", "{\"enabled\": false}",
                admin).statusCode()).isEqualTo(200);
    }

    private long users() {
        return jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class);
    }

    static JsonNode problem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = AuthApi.body(response);
        assertThat(body.path("type").asString()).isEqualTo("https://wayfarer.io/problems/" + slug);
        return body;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
