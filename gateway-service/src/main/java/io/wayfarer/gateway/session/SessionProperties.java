package io.wayfarer.gateway.session;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param idleTimeout how far each request slides a session's expiry; must equal auth-service's
 *                    {@code wayfarer.auth.session-idle-timeout} (both read {@code WAYFARER_SESSION_IDLE_TIMEOUT})
 * @param slideGranularity a request does not slide the session again (no write in Redis) when it was slid
 *                    less than this long ago: the session may then idle out up to this much earlier than
 *                    auth-service's {@code SessionStore.touch} alone would let it (never later); 0 slides on
 *                    every request. Revocation, status and absolute expiry are checked on every request regardless.
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.session")
public record SessionProperties(@DefaultValue("30m") @NotNull Duration idleTimeout,
        @DefaultValue("1s") @NotNull Duration slideGranularity) {
}
