package io.wayfarer.gateway.routing;

import java.util.List;

/**
 * One route of the gateway: the paths a service owns and how it is reached. HTTP routes go through
 * a circuit breaker named after the service and retry idempotent calls on connect errors; the
 * WebSocket route is a long-lived upgrade and has neither. {@code targetPath}, when not null, replaces
 * the request's path (the query stays).
 */
record ServiceRoute(String id, String service, String uri, List<String> paths, boolean resilient, String targetPath) {

    /** Where springdoc serves a service's OpenAPI document. */
    static final String API_DOCS_TARGET = "/v3/api-docs";
    static final String API_DOCS_PREFIX = "/v1/api-docs/";
    /** A Eureka service id as Wayfarer names them, and nothing that could change the path. */
    private static final java.util.regex.Pattern SERVICE_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9-]{0,62}");

    static ServiceRoute http(String service, String... paths) {
        return new ServiceRoute(service, service, "lb://" + service, List.of(paths), true, null);
    }

    static ServiceRoute webSocket(String service, String... paths) {
        return new ServiceRoute(service + "-websocket", service, "lb:ws://" + service, List.of(paths), false, null);
    }

    /** {@code GET /v1/api-docs/<service>} → {@code lb://<service>/v3/api-docs}. */
    static ServiceRoute apiDocs(String service) {
        if (!SERVICE_ID.matcher(service).matches()) {
            throw new IllegalArgumentException("wayfarer.gateway.api-docs.services: not a service id: " + service);
        }
        return new ServiceRoute(service + "-api-docs", service, "lb://" + service, List.of(API_DOCS_PREFIX + service),
                true, API_DOCS_TARGET);
    }

    String fallbackUri() {
        return "forward:" + FallbackController.PATH + "/" + service;
    }
}
