package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.identity.AccessTokens;
import io.wayfarer.platform.identity.VerifiedToken;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@IntegrationTest(properties = "wayfarer.auth.bootstrap-roles.root=SUPER_ADMIN")
class AuthFlowIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    AuthApi api;

    @DynamicPropertySource
    static void keyEncryptionKey(DynamicPropertyRegistry registry) {
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @BeforeEach
    void setUp() {
        api = new AuthApi(port);
    }

    @Test
    void loginIssuesAnAccessTokenThatVerifiesAgainstThePublishedKeys() throws Exception {
        Tokens tokens = api.newTraveller("ada");

        HttpResponse<String> jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
        JWKSet keys = JWKSet.parse(jwks.body());
        VerifiedToken verified = new AccessTokenVerifier(new ImmutableJWKSet<>(keys), AccessTokens.DEFAULT_ISSUER)
                .verify(tokens.accessToken());

        SignedJWT jwt = SignedJWT.parse(tokens.accessToken());
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.getKeys().get(0).getKeyID());
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("wayfarer-api");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime())
                .isEqualTo(15 * 60 * 1000L);

        JsonNode me = AuthApi.body(api.get("/v1/users/me", tokens.accessToken()));
        assertThat(me.path("id").asString()).isEqualTo(verified.userId());
        assertThat(me.path("account").asString()).isEqualTo(tokens.account());
        assertThat(me.path("lastLoginAt").isNull()).isFalse();
        assertThat(me.has("passwordHash")).isFalse();
    }

    /** A client or load balancer that retries a login on another instance: both logins of one account at once succeed. */
    @Test
    void concurrentLoginsOfOneAccountAllSucceed() throws Exception {
        Tokens first = api.newTraveller("grace");
        int logins = 12;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(logins);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(logins);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < logins; i++) {
                statuses.add(pool.submit(() -> {
                    together.await();
                    return api.login(first.account(), AuthApi.PASSWORD).status();
                }));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertThat(status.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode me = AuthApi.body(api.get("/v1/users/me", first.accessToken()));
        assertThat(me.path("lastLoginAt").isNull()).isFalse();
    }

    @Test
    void registrationRefusesBadInputAndWritesNothing() {
        long before = users();
        String account = AuthApi.uniqueAccount("bob");

        JsonNode invalid = problem(api.register("B!", "not-an-email", "short"), 422, ProblemType.VALIDATION_FAILED);
        assertThat(invalid.path("errors").findValuesAsString("field")).contains("account", "email", "password");

        JsonNode common = problem(api.register(account, account + "@example.com", "password123"), 422,
                ProblemType.VALIDATION_FAILED);
        assertThat(common.path("errors").get(0).path("message").asString()).contains("common");

        problem(api.register(account, account + "@example.com", account + "-Secret9"), 422, ProblemType.VALIDATION_FAILED);
        problem(api.post("/v1/auth/register", "{\"account\": ", null), 400, ProblemType.MALFORMED_REQUEST);
        problem(api.send("/v1/auth/register", "POST", "text/plain", "account=x", null), 415,
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
        problem(api.post("/v1/auth/register", "{\"account\":\"" + "a".repeat(70_000) + "\"}", null), 413,
                ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(users()).isEqualTo(before);
    }

    @Test
    void duplicateAccountOrEmailIsAConflict() {
        String account = AuthApi.uniqueAccount("carl");
        assertThat(api.register(account, account + "@example.com", AuthApi.PASSWORD).statusCode()).isEqualTo(201);

        problem(api.register(account, "other-" + account + "@example.com", AuthApi.PASSWORD), 409, ProblemType.CONFLICT);
        problem(api.register(AuthApi.uniqueAccount("carl"), account.toUpperCase() + "@EXAMPLE.com", AuthApi.PASSWORD),
                409, ProblemType.CONFLICT);
    }

    @Test
    void wrongPasswordAndUnknownAccountGetTheSameAnswer() {
        Tokens known = api.newTraveller("dora");
        HttpResponse<String> wrongPassword = api.login(known.account(), "Wrong-Password-123").response();
        HttpResponse<String> unknownAccount = api.login("nobody-" + known.account(), "Wrong-Password-123").response();

        JsonNode a = problem(wrongPassword, 401, null);
        JsonNode b = problem(unknownAccount, 401, null);
        assertThat(a.path("type").asString()).isEqualTo(b.path("type").asString()).endsWith("/invalid-credentials");
        assertThat(a.path("detail").asString()).isEqualTo(b.path("detail").asString());
        assertThat(a.path("title").asString()).isEqualTo(b.path("title").asString());
    }

    @Test
    void withoutAValidTokenTheCallerIsUnauthenticated() {
        HttpResponse<String> anonymous = api.get("/v1/users/me", null);
        problem(anonymous, 401, ProblemType.UNAUTHENTICATED);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        HttpResponse<String> forged = api.get("/v1/users/me", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        problem(forged, 401, ProblemType.UNAUTHENTICATED);
        assertThat(forged.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
    }

    @Test
    void refreshRotatesAndAReusedRefreshTokenEndsTheSession() {
        Tokens first = api.newTraveller("erin");
        Tokens second = api.refresh(first.refreshToken()).tokens(first.account());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(api.get("/v1/users/me", second.accessToken()).statusCode()).isEqualTo(200);

        problem(api.refresh(first.refreshToken()).response(), 401, ProblemType.UNAUTHENTICATED);

        problem(api.get("/v1/users/me", second.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.refresh(second.refreshToken()).response(), 401, ProblemType.UNAUTHENTICATED);
        problem(api.refresh("never-issued").response(), 401, ProblemType.UNAUTHENTICATED);
    }

    @Test
    void logoutEndsThisSessionAndLogoutAllEndsEveryOne() {
        Tokens tokens = api.newTraveller("finn");
        Tokens other = api.login(tokens.account(), AuthApi.PASSWORD).tokens(tokens.account());
        Tokens third = api.login(tokens.account(), AuthApi.PASSWORD).tokens(tokens.account());

        assertThat(api.post("/v1/auth/logout", null, tokens.accessToken()).statusCode()).isEqualTo(204);
        problem(api.get("/v1/users/me", tokens.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.refresh(tokens.refreshToken()).response(), 401, ProblemType.UNAUTHENTICATED);
        assertThat(api.get("/v1/users/me", other.accessToken()).statusCode()).isEqualTo(200);

        assertThat(api.post("/v1/auth/logout-all", null, other.accessToken()).statusCode()).isEqualTo(204);
        problem(api.get("/v1/users/me", other.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.get("/v1/users/me", third.accessToken()), 401, ProblemType.UNAUTHENTICATED);
    }

    @Test
    void changingThePasswordEndsTheOtherSessions() {
        Tokens here = api.newTraveller("gina");
        Tokens elsewhere = api.login(here.account(), AuthApi.PASSWORD).tokens(here.account());
        String newPassword = "Lisbon-Tram-28-Ride";

        problem(api.send("/v1/users/me/password", "PUT", "application/json",
                "{\"currentPassword\":\"wrong-one-123\",\"newPassword\":\"" + newPassword + "\"}", here.accessToken()),
                422, ProblemType.VALIDATION_FAILED);
        assertThat(api.send("/v1/users/me/password", "PUT", "application/json",
                "{\"currentPassword\":\"" + AuthApi.PASSWORD + "\",\"newPassword\":\"" + newPassword + "\"}",
                here.accessToken()).statusCode()).isEqualTo(204);

        assertThat(api.get("/v1/users/me", here.accessToken()).statusCode()).isEqualTo(200);
        problem(api.get("/v1/users/me", elsewhere.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.refresh(elsewhere.refreshToken()).response(), 401, ProblemType.UNAUTHENTICATED);
        assertThat(api.login(here.account(), AuthApi.PASSWORD).status()).isEqualTo(401);
        assertThat(api.login(here.account(), newPassword).status()).isEqualTo(200);
    }

    @Test
    void disablingAUserEndsAllSessionsAtOnceAndRefusesLogin() {
        Tokens admin = admin();
        Tokens user = api.newTraveller("hugo");
        Tokens userElsewhere = api.login(user.account(), AuthApi.PASSWORD).tokens(user.account());
        String userId = AuthApi.body(api.get("/v1/users/me", user.accessToken())).path("id").asString();

        HttpResponse<String> disabled = api.send("/v1/users/" + userId, "PATCH", "application/merge-patch+json",
                "{\"enabled\": false}", admin.accessToken());
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(AuthApi.body(disabled).path("enabled").asBoolean()).isFalse();

        problem(api.get("/v1/users/me", user.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.get("/v1/users/me", userElsewhere.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.refresh(userElsewhere.refreshToken()).response(), 401, ProblemType.UNAUTHENTICATED);
        JsonNode refused = problem(api.login(user.account(), AuthApi.PASSWORD).response(), 403, null);
        assertThat(refused.path("type").asString()).endsWith("/account-disabled");
        assertThat(api.login(user.account(), "Wrong-Password-123").status()).isEqualTo(401);
    }

    @Test
    void userAdministrationIsForAdministratorsOnly() {
        Tokens traveller = api.newTraveller("ivan");
        problem(api.get("/v1/users", traveller.accessToken()), 403, ProblemType.FORBIDDEN);
        String travellerId = AuthApi.body(api.get("/v1/users/me", traveller.accessToken())).path("id").asString();
        problem(api.send("/v1/users/" + travellerId, "PATCH", "application/json", "{\"enabled\": false}",
                traveller.accessToken()), 403, ProblemType.FORBIDDEN);

        Tokens admin = admin();
        HttpResponse<String> page = api.get("/v1/users?account=ivan&per_page=1&page=1&sortby=created_at&order=desc",
                admin.accessToken());
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = AuthApi.body(page);
        assertThat(body.path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(body.path("items").get(0).path("account").asString()).startsWith("ivan");
        assertThat(page.headers().firstValue("Link").orElse("")).contains("rel=\"first\"").contains("per_page=1");

        problem(api.get("/v1/users?limit=5&page=2", admin.accessToken()), 400, ProblemType.MALFORMED_REQUEST);
        problem(api.get("/v1/users?sortby=password_hash", admin.accessToken()), 400, ProblemType.MALFORMED_REQUEST);

        HttpResponse<String> sessions = api.get("/v1/users/" + travellerId + "/sessions", admin.accessToken());
        assertThat(sessions.statusCode()).isEqualTo(200);
        String sessionId = AuthApi.body(sessions).get(0).path("sessionId").asString();
        assertThat(api.send("/v1/sessions/" + sessionId, "DELETE", null, null, admin.accessToken()).statusCode())
                .isEqualTo(204);
        problem(api.get("/v1/users/me", traveller.accessToken()), 401, ProblemType.UNAUTHENTICATED);
        problem(api.send("/v1/sessions/" + sessionId, "DELETE", null, null, admin.accessToken()), 404,
                ProblemType.NOT_FOUND);
    }

    private Tokens admin() {
        if (api.login("root", AuthApi.PASSWORD).status() != 200) {
            api.register("root", "root@example.com", AuthApi.PASSWORD);
        }
        return api.login("root", AuthApi.PASSWORD).tokens("root");
    }

    private long users() {
        return jdbc.queryForObject("SELECT count(*) FROM user_account", Long.class);
    }

    private static JsonNode problem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = AuthApi.body(response);
        if (type != null) {
            assertThat(body.path("type").asString()).isEqualTo(type.uri().toString());
        }
        return body;
    }
}
