package io.wayfarer.auth.external;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.List;
import org.springframework.stereotype.Component;

/** The configured providers by name; an unknown or unconfigured name is 404. */
@Component
class IdentityProviders {

    private final List<IdentityProvider> providers;

    /** In {@code @Order}: the listing shows WeChat before the OpenID Connect issuers. */
    IdentityProviders(List<IdentityProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    IdentityProvider named(String name) {
        return providers.stream()
                .filter(provider -> provider.options().stream().anyMatch(option -> option.name().equals(name)))
                .findFirst()
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No login provider '" + name
                        + "' is configured."));
    }

    /** Every login configured now: what the app shows as buttons. */
    List<LoginOption> options() {
        return providers.stream().flatMap(provider -> provider.options().stream()).toList();
    }
}
