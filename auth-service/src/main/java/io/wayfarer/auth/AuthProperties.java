package io.wayfarer.auth;

import io.wayfarer.platform.identity.AccessTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service settings ({@code wayfarer.auth.*}; environment variables in application.yml).
 *
 * @param keyEncryptionKey     base64 AES-256 key protecting private signing keys at rest; when
 *                             blank, {@code keyEncryptionKeyFile} is used (created at first start;
 *                             application.yml puts it under the user's home, never in the working directory)
 * @param bootstrapRoles       roles added at login to the roles rbac-service assigns, by account —
 *                             how the local profile's demo accounts get theirs; empty elsewhere
 * @param appUrl               where the browser lands after a third-party login (the SPA), which
 *                             then exchanges the one-time login code it carries for tokens
 */
@Validated
@ConfigurationProperties("wayfarer.auth")
public record AuthProperties(
        @DefaultValue(AccessTokens.DEFAULT_ISSUER) String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30m") Duration sessionIdleTimeout,
        @DefaultValue("12h") Duration sessionAbsoluteLifetime,
        @DefaultValue("30d") Duration keyRotation,
        @DefaultValue("") String keyEncryptionKey,
        Path keyEncryptionKeyFile,
        Map<String, List<String>> bootstrapRoles,
        @DefaultValue("/") String appUrl) {

    public AuthProperties {
        bootstrapRoles = bootstrapRoles == null ? Map.of() : Map.copyOf(bootstrapRoles);
    }
}
