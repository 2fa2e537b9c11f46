package io.wayfarer.auth.login;

import io.wayfarer.auth.AuthProperties;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The roles written into a new session. Until rbac-service answers this by Feign (W3), every
 * user is a TRAVELLER and the bootstrap accounts of the local profile are SUPER_ADMIN too.
 */
@Component
class RoleSource {

    static final String DEFAULT_ROLE = "TRAVELLER";

    private final AuthProperties properties;

    RoleSource(AuthProperties properties) {
        this.properties = properties;
    }

    List<String> rolesOf(UUID userId, String account) {
        return properties.bootstrapSuperAdmins().contains(account)
                ? List.of("SUPER_ADMIN", DEFAULT_ROLE)
                : List.of(DEFAULT_ROLE);
    }
}
