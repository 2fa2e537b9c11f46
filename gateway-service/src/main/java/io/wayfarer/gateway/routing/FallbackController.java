package io.wayfarer.gateway.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a service's circuit breaker forwards a failed call ({@code forward:/fallback/<service>}, any
 * method). It turns the failure into a 502/503/504 problem, rendered like every other gateway error.
 * Clients cannot call it: the edge refuses {@code /fallback/**}.
 */
@RestController
class FallbackController {

    static final String PATH = "/fallback";
    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    @RequestMapping(PATH + "/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        UpstreamFailure upstream = UpstreamFailure.of(service, failure);
        log.warn("{} {} -> {} {}: {}", exchange.getRequest().getMethod(), service, upstream.type().status().value(),
                upstream.type().title(), failure == null ? "(no failure recorded)" : failure.toString());
        return Mono.error(upstream.toException(failure));
    }
}
