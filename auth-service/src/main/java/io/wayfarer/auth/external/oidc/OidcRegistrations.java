package io.wayfarer.auth.external.oidc;

import io.wayfarer.auth.external.ExternalLoginProblems;
import io.wayfarer.auth.external.ExternalLoginProperties;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/**
 * Each configured provider as a Spring Security {@link ClientRegistration}, from the issuer's
 * discovery document ({@link ClientRegistrations#fromIssuerLocation}, which also checks that the
 * document names the configured issuer). Read at the first login, not at start-up, so an issuer
 * that is down does not stop auth-service; a failed read is retried by the next login.
 */
@Component
class OidcRegistrations {

    private static final Logger log = LoggerFactory.getLogger(OidcRegistrations.class);

    private final OidcProperties properties;
    private final ExternalLoginProperties login;
    private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

    OidcRegistrations(OidcProperties properties, ExternalLoginProperties login) {
        this.properties = properties;
        this.login = login;
    }

    boolean isConfigured(String provider) {
        return properties.oidc().containsKey(provider);
    }

    ClientRegistration of(String provider) {
        OidcProperties.Client client = Optional.ofNullable(properties.oidc().get(provider)).orElseThrow();
        return discovered.computeIfAbsent(provider, name -> discover(name, client));
    }

    private ClientRegistration discover(String provider, OidcProperties.Client client) {
        try {
            return ClientRegistrations.fromIssuerLocation(client.issuerUri())
                    .registrationId(provider)
                    .clientId(client.clientId())
                    .clientSecret(client.clientSecret())
                    .clientAuthenticationMethod(client.clientSecret().isBlank() ? ClientAuthenticationMethod.NONE
                            : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(login.callbackUrl(provider))
                    .scope(client.scopes())
                    .build();
        } catch (RuntimeException e) {
            log.warn("OIDC discovery of {} at {} failed: {}", provider, client.issuerUri(), e.toString());
            throw ExternalLoginProblems.providerUnavailable(provider, "The login provider could not be reached.");
        }
    }
}
