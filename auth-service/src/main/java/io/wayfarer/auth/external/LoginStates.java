package io.wayfarer.auth.external;

import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Started logins in Redis, shared by every instance (the callback may reach another one than the
 * start): {@code oauth2-state:{state}} holds the {@link PendingLogin} until the callback takes it with
 * GETDEL — a state works once — or it expires. {@code oauth2-code:{provider}:{sha256(code)}} remembers
 * redeemed provider codes, so a code is used once even at a provider that would accept it twice.
 */
@Component
class LoginStates {

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final ExternalLoginProperties properties;
    private final String prefix;

    LoginStates(StringRedisTemplate redis, ExternalLoginProperties properties,
            @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.redis = redis;
        this.json = JsonMapper.builder().build();
        this.properties = properties;
        this.prefix = prefix;
    }

    PendingLogin begin(String provider, UUID linkUserId) {
        PendingLogin pending = new PendingLogin(provider, OpaqueTokens.random(), OpaqueTokens.random(),
                OpaqueTokens.random(), properties.callbackUrl(provider), linkUserId);
        redis.opsForValue().set(stateKey(pending.state()), json.writeValueAsString(pending), properties.stateTtl());
        return pending;
    }

    /** The pending login of this state, removed in the same step: a second take finds nothing. */
    Optional<PendingLogin> take(String state) {
        return Optional.ofNullable(redis.opsForValue().getAndDelete(stateKey(state)))
                .map(stored -> json.readValue(stored, PendingLogin.class));
    }

    /** True the first time a provider's code is seen here. */
    boolean firstUseOfCode(String provider, String code) {
        Boolean first = redis.opsForValue().setIfAbsent(prefix + "oauth2-code:" + provider + ":" + OpaqueTokens.sha256(code),
                "1", properties.stateTtl().multipliedBy(2));
        return Boolean.TRUE.equals(first);
    }

    private String stateKey(String state) {
        return prefix + "oauth2-state:" + OpaqueTokens.sha256(state);
    }
}
