package io.wayfarer.auth.external.oidc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * OpenID Connect providers ({@code wayfarer.auth.oidc.<provider>.*}), each served at
 * {@code /v1/auth/oauth2/<provider>}: any issuer with discovery (Keycloak, Google, Azure AD, …).
 */
@Validated
@ConfigurationProperties("wayfarer.auth")
public record OidcProperties(Map<String, Client> oidc) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Set<String> RESERVED = Set.of("wechat", "wechat-standin", "oidc-standin", "exchange");

    public OidcProperties {
        oidc = oidc == null ? Map.of() : Map.copyOf(oidc);
        oidc.forEach((name, client) -> {
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("wayfarer.auth.oidc." + name
                        + ": a provider name is 1-32 of a-z, 0-9, '-' (not wechat, wechat-standin, oidc-standin or exchange)");
            }
            if (client.issuerUri() == null || client.clientId() == null || client.clientId().isBlank()) {
                throw new IllegalArgumentException("wayfarer.auth.oidc." + name + " needs issuer-uri and client-id");
            }
        });
    }

    /**
     * @param issuerUri    the issuer; {@code {issuer}/.well-known/openid-configuration} is read at the first login
     * @param clientId     Wayfarer's client id there
     * @param clientSecret its secret (environment only, never committed); blank for a public client (PKCE only)
     * @param scopes       requested scopes; {@code openid profile} when empty
     */
    public record Client(String issuerUri, String clientId, String clientSecret, List<String> scopes) {

        public Client {
            clientSecret = clientSecret == null ? "" : clientSecret;
            scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
        }
    }
}
