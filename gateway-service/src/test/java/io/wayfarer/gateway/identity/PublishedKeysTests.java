package io.wayfarer.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;

/**
 * The gateway started before auth-service (the usual order of a cold start): its first fetches fail, so it
 * holds no key; the first real token must be verifiable at once, not after the next background tick — while
 * tokens with made-up key ids still cannot make it hammer auth-service once it knows the keys.
 */
class PublishedKeysTests {

    private HttpServer authService;
    private final AtomicReference<String> jwks = new AtomicReference<>();
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void startAuthService() throws Exception {
        authService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        authService.createContext("/.well-known/jwks.json", exchange -> {
            fetches.incrementAndGet();
            String body = jwks.get();
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        authService.start();
    }

    @AfterEach
    void stop() {
        authService.stop(0);
    }

    @Test
    void withNoKeyYetAFirstTokenRefetchesAtOnceAndLaterUnknownKeysWaitTheirGap() throws Exception {
        PublishedKeys keys = new PublishedKeys(new IdentityProperties("https://wayfarer.io/auth",
                URI.create("http://127.0.0.1:" + authService.getAddress().getPort() + "/.well-known/jwks.json"),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(3), 100), noLoadBalancer());

        keys.startFetch(Duration.ZERO).block();            // auth-service is not up yet: 503
        assertThat(keys.knows("k1")).isFalse();

        jwks.set(new JWKSet(new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).generate()).toPublicJWKSet()
                .toString());
        Thread.sleep(PublishedKeys.STARTING_REFETCH_GAP.toMillis() + 100);
        keys.refetchForUnknownKey().block();               // a token signed with k1 arrives a moment later
        assertThat(keys.knows("k1")).isTrue();

        int before = fetches.get();
        keys.refetchForUnknownKey().block();               // a made-up key id, seconds later
        keys.refetchForUnknownKey().block();
        assertThat(fetches.get()).as("no fetch within the unknown-key gap once keys are known").isEqualTo(before);
    }

    /** A plain http:// URI needs no load balancer; the provider is never asked. */
    private static ObjectProvider<ReactorLoadBalancerExchangeFilterFunction> noLoadBalancer() {
        return new StaticListableBeanFactory().getBeanProvider(ReactorLoadBalancerExchangeFilterFunction.class);
    }
}
