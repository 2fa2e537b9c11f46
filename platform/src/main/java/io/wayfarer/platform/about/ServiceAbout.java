package io.wayfarer.platform.about;

import java.time.Instant;

/**
 * What {@code GET /v1/about/{service}} tells: which service and build answered, and which
 * instance (useful behind the gateway's load balancer).
 */
public record ServiceAbout(String service, String version, String instance, Instant startedAt, long uptimeSeconds) {
}
