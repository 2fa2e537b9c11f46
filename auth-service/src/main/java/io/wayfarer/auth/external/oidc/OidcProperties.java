package io.wayfarer.auth.external.oidc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    /** Paths of their own under {@code /v1/auth/oauth2/}, so no provider may be called so. */
    private static final Set<String> RESERVED = Set.of("wechat", "wechat-standin", "oidc-standin", "exchange",
            "providers");
    private static final int MAX_LABEL = 40;

    public OidcProperties {
        Map<String, Client> clients = new HashMap<>();
        (oidc == null ? Map.<String, Client>of() : oidc).forEach((name, client) -> {
            if (!NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw new IllegalArgumentException("wayfarer.auth.oidc." + name
                        + ": a provider name is 1-32 of a-z, 0-9, '-' (not wechat, wechat-standin, oidc-standin,"
                        + " exchange or providers)");
            }
            if (client.issuerUri() == null || client.clientId() == null || client.clientId().isBlank()) {
                throw new IllegalArgumentException("wayfarer.auth.oidc." + name + " needs issuer-uri and client-id");
            }
            if (client.label().length() > MAX_LABEL) {
                throw new IllegalArgumentException("wayfarer.auth.oidc." + name + ".label: at most " + MAX_LABEL
                        + " characters");
            }
            clients.put(name, client.label().isEmpty() ? client.labelled(defaultLabel(name)) : client);
        });
        oidc = Map.copyOf(clients);
    }

    /** {@code keycloak} → "Keycloak", {@code azure-ad} → "Azure Ad": a button label when none is configured. */
    static String defaultLabel(String name) {
        return Arrays.stream(name.split("-")).filter(word -> !word.isEmpty())
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining(" "));
    }

    /**
     * @param issuerUri    the issuer; {@code {issuer}/.well-known/openid-configuration} is read at the first login
     * @param clientId     Wayfarer's client id there
     * @param clientSecret its secret (environment only, never committed); blank for a public client (PKCE only)
     * @param scopes       requested scopes; {@code openid profile} when empty
     * @param label        what the app's button says after "Log in with"; the capitalised name when empty
     */
    public record Client(String issuerUri, String clientId, String clientSecret, List<String> scopes, String label) {

        public Client {
            clientSecret = clientSecret == null ? "" : clientSecret;
            scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
            label = label == null ? "" : label.strip();
        }

        Client labelled(String newLabel) {
            return new Client(issuerUri, clientId, clientSecret, scopes, newLabel);
        }
    }
}
