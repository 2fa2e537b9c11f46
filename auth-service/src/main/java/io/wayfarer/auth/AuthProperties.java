package io.wayfarer.auth;

import io.wayfarer.platform.identity.AccessTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * auth-service settings ({@code wayfarer.auth.*}; environment variables in application.yml).
 *
 * @param keyEncryptionKey     base64 AES-256 key protecting private signing keys at rest; when
 *                             blank, {@code keyEncryptionKeyFile} is used (created at first start)
 * @param bootstrapSuperAdmins accounts that get SUPER_ADMIN at login until rbac-service assigns
 *                             roles (W3); empty outside the local profile
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
        @DefaultValue("${user.home}/.wayfarer/auth-key-encryption.key") Path keyEncryptionKeyFile,
        @DefaultValue("") List<String> bootstrapSuperAdmins) {
}
