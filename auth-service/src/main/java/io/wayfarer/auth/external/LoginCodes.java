package io.wayfarer.auth.external;

import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The one-time code the browser carries back to the app after a third-party login, so that no token
 * ever travels in a URL: {@code oauth2-login-code:{sha256(code)}} → user id, short-lived, redeemed
 * once with GETDEL by {@code POST /v1/auth/oauth2/exchange}. Only the digest is stored.
 */
@Component
class LoginCodes {

    private final StringRedisTemplate redis;
    private final ExternalLoginProperties properties;
    private final String prefix;

    LoginCodes(StringRedisTemplate redis, ExternalLoginProperties properties,
            @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.redis = redis;
        this.properties = properties;
        this.prefix = prefix;
    }

    String issue(UUID userId) {
        String code = OpaqueTokens.random();
        redis.opsForValue().set(key(code), userId.toString(), properties.loginCodeTtl());
        return code;
    }

    Optional<UUID> redeem(String code) {
        return Optional.ofNullable(redis.opsForValue().getAndDelete(key(code))).map(UUID::fromString);
    }

    private String key(String code) {
        return prefix + "oauth2-login-code:" + OpaqueTokens.sha256(code);
    }
}
