package io.wayfarer.chat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wayfarer.platform.identity.AccessTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The other services chat-service talks to, as one local HTTP server: auth-service's JWKS (with a
 * signing key the tests mint access tokens with) and catalog-service's {@code GET /v1/experts/{id}}.
 */
final class StandIns {

    private static StandIns instance;

    final RSAKey key;
    final Map<Long, Expert> experts = new ConcurrentHashMap<>();
    final AtomicBoolean catalogUp = new AtomicBoolean(true);
    final AtomicLong catalogCalls = new AtomicLong();
    private final AtomicLong nextExpertId = new AtomicLong(100);
    private final HttpServer server;

    record Expert(long id, String displayName, UUID userId) {
    }

    private StandIns() throws Exception {
        key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> respond(exchange, 200, jwks));
        server.createContext("/v1/experts/", this::expert);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-stand-ins"));
    }

    static synchronized StandIns get() {
        if (instance == null) {
            try {
                instance = new StandIns();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Expert newExpert(UUID userId, String name) {
        Expert expert = new Expert(nextExpertId.incrementAndGet(), name, userId);
        experts.put(expert.id(), expert);
        return expert;
    }

    String token(UUID userId, UUID sessionId, Instant expiresAt) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(AccessTokens.TYPE)
                    .keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder()
                    .issuer(AccessTokens.DEFAULT_ISSUER).audience(AccessTokens.AUDIENCE)
                    .subject(userId.toString()).claim(AccessTokens.SESSION_ID_CLAIM, sessionId.toString())
                    .jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                    .expirationTime(Date.from(expiresAt)).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void expert(HttpExchange exchange) throws IOException {
        catalogCalls.incrementAndGet();
        if (!catalogUp.get()) {
            respond(exchange, 503, "{}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Expert expert;
        try {
            expert = experts.get(Long.parseLong(exchange.getRequestURI().getPath().substring("/v1/experts/".length())));
        } catch (NumberFormatException e) {
            expert = null;
        }
        if (expert == null) {
            respond(exchange, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String body = "{\"id\":%d,\"displayName\":\"%s\",\"userId\":\"%s\",\"bio\":\"Knows Kyoto\",\"rating\":4.8}"
                .formatted(expert.id(), expert.displayName(), expert.userId());
        respond(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
