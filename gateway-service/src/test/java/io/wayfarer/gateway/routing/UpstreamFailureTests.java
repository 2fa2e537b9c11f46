package io.wayfarer.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.wayfarer.platform.problem.ProblemType;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class UpstreamFailureTests {

    @Test
    void noInstanceOrOpenCircuitIsServiceUnavailable() {
        assertThat(typeOf(NotFoundException.create(false, "Unable to find instance for catalog-service")))
                .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
        UpstreamFailure open = UpstreamFailure.of("catalog-service",
                CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("catalog-service")));
        assertThat(open.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
        assertThat(open.detail()).contains("paused");
    }

    @Test
    void timeoutsAreGatewayTimeout() {
        assertThat(typeOf(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than 10s")))
                .isEqualTo(ProblemType.GATEWAY_TIMEOUT);
        assertThat(typeOf(new TimeoutException("time limiter"))).isEqualTo(ProblemType.GATEWAY_TIMEOUT);
        assertThat(typeOf(ReadTimeoutException.INSTANCE)).isEqualTo(ProblemType.GATEWAY_TIMEOUT);
        assertThat(typeOf(new ConnectTimeoutException("connect timed out"))).isEqualTo(ProblemType.GATEWAY_TIMEOUT);
    }

    @Test
    void refusedOrBrokenConnectionsAreBadGateway() {
        assertThat(typeOf(new ConnectException("Connection refused"))).isEqualTo(ProblemType.BAD_GATEWAY);
        assertThat(typeOf(new IOException("Connection reset by peer"))).isEqualTo(ProblemType.BAD_GATEWAY);
        assertThat(typeOf(new IllegalStateException("wrapped", new ConnectException("refused"))))
                .isEqualTo(ProblemType.BAD_GATEWAY);
        assertThat(typeOf(new IllegalStateException("something else"))).isEqualTo(ProblemType.BAD_GATEWAY);
        assertThat(typeOf(null)).isEqualTo(ProblemType.BAD_GATEWAY);
    }

    @Test
    void problemNamesTheServiceWithoutInternals() {
        var problem = UpstreamFailure.of("payment-service", new ConnectException("Connection refused: /10.0.0.7:8086"))
                .problem();
        assertThat(problem.getStatus()).isEqualTo(502);
        assertThat(problem.getType()).isEqualTo(ProblemType.BAD_GATEWAY.uri());
        assertThat(problem.getDetail()).contains("payment-service").doesNotContain("10.0.0.7");
        assertThat(problem.getProperties()).containsEntry(UpstreamFailure.SERVICE, "payment-service");
    }

    @Test
    void circuitBreakerTimeLimitOutlastsEveryConnectAttemptAndTheResponseTimeout() {
        HttpClientProperties httpClient = new HttpClientProperties();
        httpClient.setConnectTimeout(2000);
        httpClient.setResponseTimeout(Duration.ofSeconds(10));
        ResilienceProperties resilience = new ResilienceProperties(2, 50, 20, 10, Duration.ofSeconds(10));
        assertThat(UpstreamTimeouts.of(httpClient, resilience).circuitBreakerTimeLimit()).isEqualTo(Duration.ofSeconds(17));
    }

    private static ProblemType typeOf(Throwable failure) {
        return UpstreamFailure.of("catalog-service", failure).type();
    }
}
