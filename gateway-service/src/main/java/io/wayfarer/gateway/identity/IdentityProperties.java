package io.wayfarer.gateway.identity;

import io.wayfarer.platform.identity.AccessTokens;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the edge checks access tokens ({@code wayfarer.gateway.identity.*}, docs/identity.md).
 *
 * @param jwksUri                   where auth-service publishes its public keys; {@code lb://} goes
 *                                  through discovery
 * @param jwksRefreshInterval       how often the key set is fetched again in the background
 * @param unknownKeyRefetchInterval at most one fetch per this interval, however many tokens name
 *                                  a key we do not know (a garbage {@code kid} must not become a
 *                                  request flood against auth-service)
 * @param verifiedTokenCacheSize    verified tokens kept in memory (keyed by the exact token)
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.identity")
public record IdentityProperties(
        @DefaultValue(AccessTokens.DEFAULT_ISSUER) @NotBlank String issuer,
        @DefaultValue("lb://auth-service/.well-known/jwks.json") @NotNull URI jwksUri,
        @DefaultValue("5m") @NotNull Duration jwksRefreshInterval,
        @DefaultValue("10s") @NotNull Duration unknownKeyRefetchInterval,
        @DefaultValue("3s") @NotNull Duration jwksFetchTimeout,
        @DefaultValue("10000") @Min(0) int verifiedTokenCacheSize) {
}
