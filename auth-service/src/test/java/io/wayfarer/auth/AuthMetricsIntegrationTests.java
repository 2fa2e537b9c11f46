package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The business metrics of auth-service, read where Prometheus reads them. */
@IntegrationTest(properties = "wayfarer.auth.session-count-interval=200ms")
class AuthMetricsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Value("${wayfarer.redis.key-prefix:}")
    String prefix;

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
    void loginsAreCountedByOutcome() {
        double ok = metric("wayfarer_auth_logins_total\\{.*method=\"password\",outcome=\"ok\".*}");
        double failed = metric("wayfarer_auth_logins_total\\{.*method=\"password\",outcome=\"failed\".*}");

        Tokens tokens = api.newTraveller("metrics");
        assertThat(api.login(tokens.account(), "not-the-password-1").status()).isEqualTo(401);
        assertThat(api.login("nobody-" + tokens.account(), "not-the-password-1").status()).isEqualTo(401);

        assertThat(metric("wayfarer_auth_logins_total\\{.*method=\"password\",outcome=\"ok\".*}")).isEqualTo(ok + 1);
        assertThat(metric("wayfarer_auth_logins_total\\{.*method=\"password\",outcome=\"failed\".*}"))
                .isEqualTo(failed + 2);
    }

    @Test
    void activeSessionsFollowLoginsLogoutsAndIdleExpiry() throws Exception {
        Tokens first = api.newTraveller("count");
        Tokens second = api.login(first.account(), AuthApi.PASSWORD).tokens(first.account());
        Tokens third = api.newTraveller("count");
        awaitActiveSessions(3);

        assertThat(api.post("/v1/auth/logout", null, first.accessToken()).statusCode()).isEqualTo(204);
        awaitActiveSessions(2);

        // an idle timeout is Redis expiring the session's key: nothing in auth-service hears of it
        String sid = SignedJWT.parse(second.accessToken()).getJWTClaimsSet().getStringClaim("sid");
        assertThat(redis.delete(prefix + "session:" + sid)).isTrue();
        awaitActiveSessions(1);
        assertThat(api.get("/v1/users/me", third.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void theOutboxBacklogAndRequestLatencyHistogramsArePublished() {
        api.newTraveller("scrape");
        String scrape = api.get("/actuator/prometheus", null).body();
        assertThat(scrape).containsPattern("(?m)^wayfarer_outbox_pending\\{.*} [0-9.]+$");
        assertThat(scrape).contains("http_server_requests_seconds_bucket{");
    }

    private void awaitActiveSessions(double expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        double seen = Double.NaN;
        while (Instant.now().isBefore(deadline)) {
            seen = metric("wayfarer_auth_sessions_active\\{.*}");
            if (seen == expected) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(seen).as("wayfarer_auth_sessions_active").isEqualTo(expected);
    }

    private double metric(String series) {
        String scrape = api.get("/actuator/prometheus", null).body();
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
