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
 * make us hammer auth-service — and when the copy is older than {@code maxAge}. While no copy
 * has ever been fetched, a failed fetch is not repeated for {@link #RETRY_WHILE_EMPTY}: requests
 * meanwhile fail fast (the verifier turns that into 503, not 401).
 */
public final class RemoteJwkSource implements JWKSource<SecurityContext> {

    static final Duration RETRY_WHILE_EMPTY = Duration.ofMillis(500);

    private final Supplier<String> fetcher;
    private final Clock clock;
    private final Duration minRefetchInterval;
    private final Duration maxAge;
    private volatile JWKSet keys;
    private volatile Instant fetchedAt = Instant.EPOCH;
    private volatile Instant failedAt = Instant.EPOCH;

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

    /**
     * Fetches the keys if none are held yet, so the first request does not find them missing;
     * whether keys are held afterwards. Never throws.
     */
    public boolean warmUp() {
        JWKSet current = keys;
        if (current != null) {
            return true;
        }
        try {
            refetch(clock.instant(), null);
        } catch (KeySourceException notYet) {
            // auth-service not in discovery yet, or down: requests will try again
        }
        return keys != null;
    }

    private synchronized JWKSet refetch(Instant now, JWKSet fallback) throws KeySourceException {
        if (keys != fallback) {
            return keys; // another thread fetched meanwhile
        }
        if (fallback == null && failedAt.plus(RETRY_WHILE_EMPTY).isAfter(now)) {
            throw new KeySourceException("The JWKS could not be fetched a moment ago");
        }
        try {
            keys = JWKSet.parse(fetcher.get());
            fetchedAt = now;
            return keys;
        } catch (ParseException | RuntimeException e) {
            if (fallback != null) {
                fetchedAt = now; // keep the copy we have and ask again after minRefetchInterval
                return fallback;
            }
            failedAt = now;
            throw new KeySourceException("Could not fetch the JWKS: " + e.getMessage(), e);
        }
    }
}
