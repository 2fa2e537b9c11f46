package io.wayfarer.auth.token;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.wayfarer.auth.AuthProperties;
import io.wayfarer.platform.identity.AccessTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * auth-service verifies tokens with its own key table rather than over HTTP; an unknown kid
 * (a key another instance just made) reloads the table, at most every few seconds.
 */
@Configuration(proxyBeanMethods = false)
class LocalTokenVerification {

    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

    @Bean
    AccessTokenVerifier accessTokenVerifier(SigningKeys keys, AuthProperties properties, Clock clock) {
        return new AccessTokenVerifier(new ReloadingKeys(keys, clock), properties.issuer());
    }

    private static final class ReloadingKeys implements JWKSource<SecurityContext> {

        private final SigningKeys keys;
        private final Clock clock;
        private volatile Instant lastReload = Instant.EPOCH;

        ReloadingKeys(SigningKeys keys, Clock clock) {
            this.keys = keys;
            this.clock = clock;
        }

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            List<JWK> found = selector.select(keys.publicKeys());
            Instant now = clock.instant();
            if (found.isEmpty() && lastReload.plus(RELOAD_AT_MOST_EVERY).isBefore(now)) {
                lastReload = now;
                found = selector.select(keys.reload());
            }
            return found;
        }
    }
}
