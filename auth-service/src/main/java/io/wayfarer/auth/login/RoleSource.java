package io.wayfarer.auth.login;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import io.wayfarer.auth.AuthProperties;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The roles written into a session: rbac-service's assignment of the user, asked by Feign at
 * login (timeout, one retry, circuit breaker). When rbac-service cannot answer the login still
 * succeeds with the least privilege, TRAVELLER — a degraded answer can only take rights away.
 * The local profile's bootstrap roles (demo accounts) are added on top.
 */
@Component
class RoleSource {

    static final String DEFAULT_ROLE = "TRAVELLER";
    private static final Logger log = LoggerFactory.getLogger(RoleSource.class);

    private final RbacClient rbac;
    private final AuthProperties properties;

    RoleSource(RbacClient rbac, AuthProperties properties) {
        this.rbac = rbac;
        this.properties = properties;
    }

    @Retry(name = "rbac-service", fallbackMethod = "leastPrivilege")
    @CircuitBreaker(name = "rbac-service")
    public List<String> rolesOf(UUID userId, String account) {
        return withBootstrap(rbac.rolesOf(userId).roles(), account);
    }

    List<String> leastPrivilege(UUID userId, String account, Throwable cause) {
        log.warn("rbac-service did not answer the roles of {} ({}); logging in as {}", userId, cause.toString(),
                DEFAULT_ROLE);
        return withBootstrap(List.of(DEFAULT_ROLE), account);
    }

    List<String> withBootstrap(List<String> roles, String account) {
        Set<String> merged = new LinkedHashSet<>(roles.isEmpty() ? List.of(DEFAULT_ROLE) : roles);
        merged.addAll(properties.bootstrapRoles().getOrDefault(account, List.of()));
        return List.copyOf(merged);
    }
}
