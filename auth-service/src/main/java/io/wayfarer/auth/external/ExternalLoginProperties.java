package io.wayfarer.auth.external;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Third-party login settings ({@code wayfarer.auth.oauth2.*}).
 *
 * @param publicUrl    the public origin browsers reach Wayfarer at (the gateway); callbacks are
 *                     {@code {publicUrl}/v1/auth/oauth2/{provider}/callback} and must be registered at the provider
 * @param stateTtl     how long a started login may take at the provider
 * @param loginCodeTtl how long the one-time login code the app gets after the callback stays redeemable
 * @param secureCookie whether the state cookie is {@code Secure} (off only for plain-http local runs)
 */
@Validated
@ConfigurationProperties("wayfarer.auth.oauth2")
public record ExternalLoginProperties(
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("10m") Duration stateTtl,
        @DefaultValue("60s") Duration loginCodeTtl,
        @DefaultValue("true") boolean secureCookie) {

    public ExternalLoginProperties {
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public String callbackUrl(String provider) {
        return publicUrl + "/v1/auth/oauth2/" + provider + "/callback";
    }
}
