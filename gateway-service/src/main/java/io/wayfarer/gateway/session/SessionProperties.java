package io.wayfarer.gateway.session;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param idleTimeout how far each request slides a session's expiry; must equal auth-service's
 *                    {@code wayfarer.auth.session-idle-timeout} (both read {@code WAYFARER_SESSION_IDLE_TIMEOUT})
 */
@Validated
@ConfigurationProperties("wayfarer.gateway.session")
public record SessionProperties(@DefaultValue("30m") @NotNull Duration idleTimeout) {
}
