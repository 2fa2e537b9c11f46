package io.wayfarer.platform.identity;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * auth-service's JWKS, fetched on first use and kept; fetched again when a token names a key we
 * do not have (a rotation) — at most once per {@code minRefetchInterval}, so garbage kids cannot
 * make us hammer auth-service — and when the copy is older than {@code maxAge}.
 */
public final class RemoteJwkSource implements JWKSource<SecurityContext> {

    private final Supplier<String> fetcher;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Duration maxAge;
    private volatile JWKSet keys;
    private volatile Instant fetchedAt = Instant.EPOCH;

    public RemoteJwkSource(Supplier<String> fetcher, Clock clock, Duration minRefetchInterval, Duration maxAge) {
        this.fetcher = fetcher;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
        this.maxAge = maxAge;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        JWKSet current = keys;
        if (current == null || fetchedAt.plus(maxAge).isBefore(now)) {
            current = refetch(now, current);
        }
        List<JWK> found = selector.select(current);
        if (found.isEmpty() && fetchedAt.plus(minRefetchInterval).isBefore(now)) {
            found = selector.select(refetch(now, current));
        }
        return found;
    }

    private synchronized JWKSet refetch(Instant now, JWKSet fallback) throws KeySourceException {
        if (keys != fallback) {
            return keys; // another thread fetched meanwhile
        }
        fetchedAt = now;
        try {
            keys = JWKSet.parse(fetcher.get());
            return keys;
        } catch (ParseException | RuntimeException e) {
            if (fallback != null) {
                return fallback;
            }
            throw new KeySourceException("Could not fetch the JWKS: " + e.getMessage(), e);
        }
    }
}
