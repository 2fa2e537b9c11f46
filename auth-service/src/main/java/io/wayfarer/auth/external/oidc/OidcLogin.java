package io.wayfarer.auth.external.oidc;

import io.wayfarer.auth.external.ExternalLoginProblems;
import io.wayfarer.auth.external.ExternalProfile;
import io.wayfarer.auth.external.IdentityProvider;
import io.wayfarer.auth.external.LoginOption;
import io.wayfarer.auth.external.PendingLogin;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Login at any OpenID Connect issuer, with Spring Security's OAuth 2 client as a library (no filter
 * chain): authorization code flow with state, nonce and PKCE (S256); the token call; the ID token
 * checked by {@link OidcIdTokenDecoderFactory} (RS256 signature against the discovered JWKS, iss,
 * aud = our client id, azp, exp/iat with 60 s skew) and then its nonce against this login's.
 */
@Component
@Order(2)
class OidcLogin implements IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(OidcLogin.class);

    private final OidcRegistrations registrations;
    private final OidcProperties properties;
    private final RestClientAuthorizationCodeTokenResponseClient tokenClient = tokenClient();
    private final OidcIdTokenDecoderFactory decoderFactory = new OidcIdTokenDecoderFactory();
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    OidcLogin(OidcRegistrations registrations, OidcProperties properties) {
        this.registrations = registrations;
        this.properties = properties;
    }

    @Override
    public List<LoginOption> options() {
        return properties.oidc().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> new LoginOption(entry.getKey(), entry.getValue().label(), LoginOption.OIDC))
                .toList();
    }

    @Override
    public String authorizationUrl(PendingLogin pending) {
        return authorizationRequest(registrations.of(pending.provider()), pending).getAuthorizationRequestUri();
    }

    @Override
    public ExternalProfile identify(String code, PendingLogin pending) {
        String provider = pending.provider();
        ClientRegistration registration = registrations.of(provider);
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
                .redirectUri(pending.redirectUri()).state(pending.state()).build();
        OAuth2AccessTokenResponse tokens = redeem(provider, new OAuth2AuthorizationCodeGrantRequest(registration,
                new OAuth2AuthorizationExchange(authorizationRequest(registration, pending), response)));
        Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
        if (!(idToken instanceof String value)) {
            throw ExternalLoginProblems.providerError(provider, "The login provider sent no ID token.");
        }
        Jwt jwt = verified(provider, registration, value);
        String nonce = jwt.getClaimAsString(OidcParameterNames.NONCE);
        if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                pending.nonce().getBytes(StandardCharsets.UTF_8))) {
            throw ExternalLoginProblems.invalidIdToken(provider, "The ID token was not issued for this login (nonce).");
        }
        return new ExternalProfile(provider, jwt.getSubject(), displayName(jwt));
    }

    private OAuth2AccessTokenResponse redeem(String provider, OAuth2AuthorizationCodeGrantRequest request) {
        try {
            return tokenClient.getTokenResponse(request);
        } catch (OAuth2AuthorizationException e) {
            log.info("OIDC token call at {} refused: {}", provider, e.getError());
            if (OAuth2ErrorCodes.INVALID_GRANT.equals(e.getError().getErrorCode())) {
                throw ExternalLoginProblems.invalidCode(provider);
            }
            throw ExternalLoginProblems.providerError(provider, "The login provider refused the token request.");
        }
    }

    private Jwt verified(String provider, ClientRegistration registration, String idToken) {
        try {
            return decoders.computeIfAbsent(provider, name -> decoderFactory.createDecoder(registration)).decode(idToken);
        } catch (JwtException | OAuth2AuthorizationException e) {
            log.info("ID token from {} refused: {}", provider, e.getMessage());
            throw ExternalLoginProblems.invalidIdToken(provider, "The ID token could not be verified.");
        }
    }

    /** As Spring Security's default, plus timeouts: a hanging issuer must not hold a request thread. */
    private static RestClientAuthorizationCodeTokenResponseClient tokenClient() {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    private static OAuth2AuthorizationRequest authorizationRequest(ClientRegistration registration, PendingLogin pending) {
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
                .clientId(registration.getClientId())
                .redirectUri(pending.redirectUri())
                .scopes(registration.getScopes())
                .state(pending.state())
                .additionalParameters(Map.of(
                        PkceParameterNames.CODE_CHALLENGE, challenge(pending.codeVerifier()),
                        PkceParameterNames.CODE_CHALLENGE_METHOD, "S256",
                        OidcParameterNames.NONCE, pending.nonce()))
                .attributes(Map.of(
                        PkceParameterNames.CODE_VERIFIER, pending.codeVerifier(),
                        OAuth2ParameterNames.REGISTRATION_ID, registration.getRegistrationId()))
                .build();
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String displayName(Jwt idToken) {
        for (String claim : new String[] {"name", "preferred_username", "nickname", "given_name"}) {
            String value = idToken.getClaimAsString(claim);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
