package io.wayfarer.auth.external.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local OpenID Connect issuer stand-in ({@code wayfarer.auth.oidc-stand-in.*}, set by the {@code local}
 * profile only). It serves the configured OIDC client {@code provider} ({@code wayfarer.auth.oidc.<provider>}):
 * the same client id and secret, and exactly that client's callback as the one registered redirect URI.
 *
 * @param enabled           serve the stand-in under {@value OidcStandIn#PATH}
 * @param provider          the name of the OIDC client it stands in for
 * @param issuer            its issuer: this instance's own address, where auth-service reads discovery, redeems
 *                          codes and fetches the keys (server to server)
 * @param authorizationBase where browsers are sent to log in: through the gateway (the public URL)
 */
@ConfigurationProperties("wayfarer.auth.oidc-stand-in")
public record OidcStandInProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String provider,
        @DefaultValue("") String issuer,
        @DefaultValue("") String authorizationBase) {

    public OidcStandInProperties {
        issuer = withoutTrailingSlash(issuer);
        authorizationBase = withoutTrailingSlash(authorizationBase);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
