package io.wayfarer.gateway.routing;

import java.util.List;

/**
 * One route of the gateway: the paths a service owns and how it is reached. HTTP routes go through
 * a circuit breaker named after the service and retry idempotent calls on connect errors; the
 * WebSocket route is a long-lived upgrade and has neither.
 */
record ServiceRoute(String id, String service, String uri, List<String> paths, boolean resilient) {

    static ServiceRoute http(String service, String... paths) {
        return new ServiceRoute(service, service, "lb://" + service, List.of(paths), true);
    }

    static ServiceRoute webSocket(String service, String... paths) {
        return new ServiceRoute(service + "-websocket", service, "lb:ws://" + service, List.of(paths), false);
    }

    String fallbackUri() {
        return "forward:" + FallbackController.PATH + "/" + service;
    }
}
