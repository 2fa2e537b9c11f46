package io.wayfarer.gateway.routing;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway protects itself from failing services (one circuit breaker per service). The
 * connect and response timeouts are Spring Cloud Gateway's own
 * {@code spring.cloud.gateway.server.webflux.httpclient.*}; the circuit breaker's time limiter is
 * derived from them (see {@link UpstreamTimeouts}) so the two can never disagree.
 *
 * @param connectRetries extra attempts for GET/HEAD when the connection could not be made, each to
 *                       the next instance
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.resilience")
record ResilienceProperties(
        @DefaultValue("2") @Min(0) int connectRetries,
        @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
        @DefaultValue("20") @Min(1) int slidingWindowSize,
        @DefaultValue("10") @Min(1) int minimumNumberOfCalls,
        @DefaultValue("10s") @NotNull Duration waitInOpenState) {
}
