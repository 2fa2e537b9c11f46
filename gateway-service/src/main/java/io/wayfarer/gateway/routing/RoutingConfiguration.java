package io.wayfarer.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.cloud.gateway.support.NotFoundException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.net.ConnectException;
import java.util.List;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The routes of {@link ServiceRoutes}, each to {@code lb://<service>} through Eureka, and the
 * resilience around them: per HTTP route a circuit breaker named after the service (fallback
 * {@code forward:/fallback/<service>}) wrapping a retry of every method on a refused connection only: nothing
 * was sent, so even a POST is not sent twice, and a killed instance's requests go to the next instance instead
 * of failing (and of opening the service's breaker while the other instance is healthy; fault drill).
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, ResilienceProperties resilience, ApiDocsProperties apiDocs) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        List<ServiceRoute> all = ServiceRoutes.with(apiDocs);
        for (int position = 0; position < all.size(); position++) {
            ServiceRoute route = all.get(position);
            int order = position;
            routes.route(route.id(), spec -> spec.order(order)
                    .path(route.paths().toArray(String[]::new))
                    .filters(filters -> {
                        if (route.targetPath() != null) {
                            filters.setPath(route.targetPath());
                        }
                        return route.resilient() ? resilient(filters, route, resilience) : filters;
                    })
                    .uri(route.uri()));
        }
        return routes.build();
    }

    private static UriSpec resilient(GatewayFilterSpec filters, ServiceRoute route, ResilienceProperties resilience) {
        // the circuit breaker is listed first, so it wraps the retries: one client call, one outcome
        filters.circuitBreaker(breaker -> breaker.setName(route.service()).setFallbackUri(route.fallbackUri()));
        if (resilience.connectRetries() > 0) {
            filters.retry(retry -> retry.setRetries(resilience.connectRetries())
                    .setMethods(HttpMethod.values())
                    .setSeries()
                    .setStatuses()
                    .setExceptions(ConnectException.class));
        }
        return filters;
    }

    @Bean
    UpstreamTimeouts upstreamTimeouts(HttpClientProperties httpClient, ResilienceProperties resilience) {
        return UpstreamTimeouts.of(httpClient, resilience);
    }

    // Registries of our own: resilience4j-spring-boot3 is excluded (it refuses Boot 4), and Spring Cloud's
    // circuit-breaker auto-configuration expects them as beans.
    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(ResilienceProperties resilience) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(resilience.failureRateThreshold())
                .slidingWindowSize(resilience.slidingWindowSize())
                .minimumNumberOfCalls(resilience.minimumNumberOfCalls())
                .waitDurationInOpenState(resilience.waitInOpenState())
                // "no instance registered" is already its own 503 and says nothing about an instance's
                // health: counting it would keep the circuit open after a service (re)appears
                .ignoreExceptions(NotFoundException.class)
                .build());
    }

    @Bean
    TimeLimiterRegistry timeLimiterRegistry(UpstreamTimeouts timeouts) {
        return TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                .timeoutDuration(timeouts.circuitBreakerTimeLimit())
                .build());
    }

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakerDefaults(CircuitBreakerRegistry breakers,
            TimeLimiterRegistry timeLimiters) {
        return factory -> factory.configureDefault(service -> new Resilience4JConfigBuilder(service)
                .circuitBreakerConfig(breakers.getDefaultConfig())
                .timeLimiterConfig(timeLimiters.getDefaultConfig())
                .build());
    }
}
