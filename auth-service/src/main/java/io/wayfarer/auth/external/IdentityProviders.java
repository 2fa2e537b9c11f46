package io.wayfarer.auth.external;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.List;
import org.springframework.stereotype.Component;

/** The configured providers by name; an unknown or unconfigured name is 404. */
@Component
class IdentityProviders {

    private final List<IdentityProvider> providers;

    IdentityProviders(List<IdentityProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    IdentityProvider named(String name) {
        return providers.stream().filter(provider -> provider.names().contains(name)).findFirst()
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No login provider '" + name
                        + "' is configured."));
    }
}
