package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The web app's refresh token transport (docs/adr/0006-web-app.md): an HttpOnly, SameSite=Strict cookie
 * scoped to the refresh path, asked for with {@code X-Refresh-Token-Transport: cookie}; never in the
 * JSON body in that mode; rotated like the body token; cleared by logout and by a refused refresh.
 * API clients that do not ask keep the JSON behaviour.
 */
@IntegrationTest(properties = "wayfarer.auth.refresh-cookie.secure=true")
class RefreshTokenCookieIntegrationTests {

    private static final Pattern COOKIE = Pattern.compile("wayfarer_refresh=([^;]*)");

    @LocalServerPort
    int port;

    AuthApi api;

    @DynamicPropertySource
    static void keyEncryptionKey(DynamicPropertyRegistry registry) {
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    @BeforeEach
    void setUp() {
        api = new AuthApi(port);
    }

    @Test
    void aLoginInCookieModeSetsAStrictHttpOnlyCookieOnTheRefreshPathAndKeepsTheTokenOutOfTheBody() {
        String account = registered("cookie");

        HttpResponse<String> login = login(account, true);

        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String setCookie = refreshCookieHeader(login);
        assertThat(setCookie).contains("Path=/v1/auth/refresh").contains("HttpOnly").contains("Secure")
                .contains("SameSite=Strict").contains("Max-Age=43200");
        assertThat(cookieValue(setCookie)).hasSizeGreaterThan(30);
        JsonNode body = AuthApi.body(login);
        assertThat(body.path("accessToken").asString()).isNotBlank();
        assertThat(body.path("refreshToken").isNull() || body.path("refreshToken").isMissingNode()).isTrue();
    }

    @Test
    void aRefreshWithTheCookieAndNoBodyRotatesItAndAReplayedCookieEndsTheSession() {
        String first = cookieValue(refreshCookieHeader(login(registered("rotate"), true)));

        HttpResponse<String> refreshed = refreshWithCookie(first);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String second = cookieValue(refreshCookieHeader(refreshed));
        assertThat(second).isNotEqualTo(first).isNotBlank();
        assertThat(AuthApi.body(refreshed).path("accessToken").asString()).isNotBlank();
        assertThat(refreshed.body()).doesNotContain(second);

        HttpResponse<String> replayed = refreshWithCookie(first);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(cookieValue(refreshCookieHeader(replayed))).isEmpty();
        assertThat(refreshCookieHeader(replayed)).contains("Max-Age=0");
        // reuse detection ended the family: the newer cookie is dead too
        assertThat(refreshWithCookie(second).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefreshWithNeitherBodyNorCookieIs401() {
        HttpResponse<String> refused = api.send(HttpRequest.newBuilder(URI.create(base() + "/v1/auth/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void logoutClearsTheCookie() {
        HttpResponse<String> login = login(registered("logout"), true);
        String access = AuthApi.body(login).path("accessToken").asString();
        String refresh = cookieValue(refreshCookieHeader(login));

        HttpResponse<String> logout = api.post("/v1/auth/logout", null, access);

        assertThat(logout.statusCode()).isEqualTo(204);
        assertThat(refreshCookieHeader(logout)).contains("Max-Age=0").contains("Path=/v1/auth/refresh");
        assertThat(refreshWithCookie(refresh).statusCode()).isEqualTo(401);
    }

    @Test
    void apiClientsThatDoNotAskKeepTheJsonBodyAndGetNoCookie() {
        String account = registered("api");
        HttpResponse<String> login = login(account, false);

        assertThat(login.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("wayfarer_refresh="));
        String refresh = AuthApi.body(login).path("refreshToken").asString();
        assertThat(refresh).isNotBlank();
        AuthApi.Answer rotated = api.refresh(refresh);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.tokens(account).refreshToken()).isNotBlank().isNotEqualTo(refresh);
        assertThat(rotated.response().headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("wayfarer_refresh="));
    }

    private String registered(String stem) {
        String account = AuthApi.uniqueAccount(stem);
        assertThat(api.register(account, account + "@example.com", AuthApi.PASSWORD).statusCode()).isEqualTo(201);
        return account;
    }

    private HttpResponse<String> login(String account, boolean cookieMode) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"account":"%s","password":"%s"}""".formatted(account, AuthApi.PASSWORD)));
        if (cookieMode) {
            request.header("X-Refresh-Token-Transport", "cookie");
        }
        return api.send(request.build());
    }

    private HttpResponse<String> refreshWithCookie(String value) {
        return api.send(HttpRequest.newBuilder(URI.create(base() + "/v1/auth/refresh"))
                .header("Cookie", "wayfarer_refresh=" + value)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String refreshCookieHeader(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("wayfarer_refresh=")).toList();
        assertThat(cookies).as("one refresh cookie in %s", response.headers().map()).hasSize(1);
        return cookies.get(0);
    }

    private static String cookieValue(String setCookie) {
        Matcher matcher = COOKIE.matcher(setCookie);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
