package io.wayfarer.gateway.policy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code rbacPolicy}: DOWN until the first policy is loaded (the gateway then refuses every routed
 * request with 503), UP with its version after. Part of the readiness group, so a load balancer sends
 * no traffic to a gateway that could only refuse it. Once loaded it stays UP: an unreachable
 * rbac-service leaves the last policy in force.
 */
@Component
class RbacPolicyHealthIndicator implements HealthIndicator {

    private final PolicyHolder holder;

    RbacPolicyHealthIndicator(PolicyHolder holder) {
        this.holder = holder;
    }

    @Override
    public Health health() {
        long version = holder.version();
        return version < 0
                ? Health.down().withDetail("reason", "no RBAC policy loaded yet").build()
                : Health.up().withDetail("version", version).build();
    }
}
