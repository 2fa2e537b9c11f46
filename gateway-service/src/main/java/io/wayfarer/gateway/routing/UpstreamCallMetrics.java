package io.wayfarer.gateway.routing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.stereotype.Component;

/**
 * Gives the gateway's proxied calls their own meter name, {@code gateway.upstream.requests}. They and
 * the Eureka client's own REST calls are both observed as {@code http.client.requests}, with different
 * tag keys, and Prometheus keeps only the first set it sees: the routes' metrics would vanish.
 */
@Component
class UpstreamCallMetrics implements MeterFilter {

    static final String CLIENT_REQUESTS = "http.client.requests";
    static final String UPSTREAM_REQUESTS = "gateway.upstream.requests";
    static final String ROUTE_TAG = "spring.cloud.gateway.route.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (id.getName().startsWith(CLIENT_REQUESTS) && id.getTag(ROUTE_TAG) != null) {
            return id.withName(UPSTREAM_REQUESTS + id.getName().substring(CLIENT_REQUESTS.length()));
        }
        return id;
    }
}
