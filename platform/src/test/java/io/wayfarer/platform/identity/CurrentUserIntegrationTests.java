package io.wayfarer.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.wayfarer.platform.testing.RealInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service behind the gateway checks the forwarded token again: skipping the gateway gets 401. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = CurrentUserIntegrationTests.App.class, properties = "spring.application.name=identity-probe")
@ContextConfiguration(initializers = RealInfrastructure.class)
class CurrentUserIntegrationTests {

    private static final TokenForge forge = new TokenForge();
    private static final AtomicInteger jwksFetches = new AtomicInteger();
    private static HttpServer jwks;

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void jwksUri(DynamicPropertyRegistry registry) throws IOException {
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(forge.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        registry.add("wayfarer.identity.jwks-uri",
                () -> "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    @Test
    void aTokenForwardedByTheGatewayIdentifiesTheUserWithTheSessionRoles() throws Exception {
        String token = forge.valid();
        HttpResponse<String> response = get("/probe/me", token, true, "TRAVELLER,EXPERT");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(SignedJWT.parse(token).getJWTClaimsSet().getSubject())
                .contains("TRAVELLER").contains("EXPERT");
    }

    @Test
    void aRequestThatSkippedTheGatewayIsRefused() throws Exception {
        HttpResponse<String> response = get("/probe/me", forge.valid(), false, "SUPER_ADMIN");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
    }

    @Test
    void missingOrForgedTokensAreRefused() throws Exception {
        HttpResponse<String> none = get("/probe/me", null, false, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        assertThat(get("/probe/me", new TokenForge(forge.key.getKeyID()).valid(), true, "SUPER_ADMIN").statusCode())
                .isEqualTo(401);
        assertThat(get("/probe/me", forge.hmacWithPublicKey(), true, null).statusCode()).isEqualTo(401);
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/probe/me"))
                .header("Authorization", "Bearer " + forge.valid())
                .header("Authorization", "Bearer " + forge.valid()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void optionalIdentityLetsAnonymousCallersThroughButNotBadTokens() throws Exception {
        assertThat(get("/probe/maybe", null, false, null).body()).isEqualTo("anonymous");
        assertThat(get("/probe/maybe", "garbage", false, null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownKidsDoNotHammerAuthService() throws Exception {
        get("/probe/me", forge.valid(), true, null);
        int before = jwksFetches.get();
        for (int i = 0; i < 20; i++) {
            get("/probe/me", forge.withHeader(h -> h.keyID("random-" + System.nanoTime())), true, null);
        }
        assertThat(jwksFetches.get() - before).isLessThanOrEqualTo(1);
    }

    private HttpResponse<String> get(String path, String token, boolean viaGateway, String roles) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
            if (viaGateway) {
                try {
                    var claims = SignedJWT.parse(token).getJWTClaimsSet();
                    request.header(IdentityHeaders.USER_ID, claims.getSubject())
                            .header(IdentityHeaders.SESSION_ID, claims.getStringClaim(AccessTokens.SESSION_ID_CLAIM));
                } catch (java.text.ParseException ignored) {
                    // a malformed token has no identity to forward
                }
            }
        }
        if (roles != null) {
            request.header(IdentityHeaders.USER_ROLES, roles);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    @Import(ProbeController.class)
    static class App {
    }

    @RestController
    static class ProbeController {

        @GetMapping("/probe/me")
        String me(CurrentUser user) {
            return user.userId() + " " + user.roles();
        }

        @GetMapping("/probe/maybe")
        String maybe(Optional<CurrentUser> user) {
            return user.map(u -> u.userId().toString()).orElse("anonymous");
        }
    }
}
