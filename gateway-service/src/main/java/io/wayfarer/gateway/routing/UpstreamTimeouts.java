package io.wayfarer.gateway.routing;

import java.time.Duration;
import org.springframework.cloud.gateway.config.HttpClientProperties;

/**
 * The gateway's timeouts, from one source. The HTTP client's response timeout is the one that fires
 * for a slow service (504); the circuit breaker's time limiter is only a backstop that covers the
 * worst case of every connect attempt timing out plus one full response wait, plus a margin.
 */
record UpstreamTimeouts(Duration connect, Duration response, int connectRetries) {

    static final Duration MARGIN = Duration.ofSeconds(1);

    static UpstreamTimeouts of(HttpClientProperties httpClient, ResilienceProperties resilience) {
        if (httpClient.getResponseTimeout() == null || httpClient.getConnectTimeout() == null) {
            throw new IllegalStateException("spring.cloud.gateway.server.webflux.httpclient.connect-timeout and "
                    + "response-timeout must be set: the gateway never waits for a service forever");
        }
        return new UpstreamTimeouts(Duration.ofMillis(httpClient.getConnectTimeout()),
                httpClient.getResponseTimeout(), resilience.connectRetries());
    }

    Duration circuitBreakerTimeLimit() {
        return connect.multipliedBy(connectRetries + 1L).plus(response).plus(MARGIN);
    }
}
