package io.wayfarer.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.identity.AccessTokens;
import io.wayfarer.platform.identity.InvalidTokenException;
import io.wayfarer.platform.identity.VerifiedToken;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifies bearer tokens with the platform's {@link AccessTokenVerifier} over {@link PublishedKeys},
 * remembering each verified token (by its exact text) until it expires, so a client's repeated
 * requests cost one RSA verification per token, not per request. The cache is flushed whenever the
 * key set changes. It never says whether the session is alive: that is asked of Redis every time.
 */
@Component
public class AccessTokenCheck {

    private static final long SKEW_NANOS = TimeUnit.SECONDS.toNanos(AccessTokens.CLOCK_SKEW_SECONDS);

    private final PublishedKeys keys;
    private final AccessTokenVerifier verifier;
    private final Cache<String, VerifiedToken> verified;

    AccessTokenCheck(PublishedKeys keys, IdentityProperties properties) {
        this.keys = keys;
        this.verifier = new AccessTokenVerifier(keys, properties.issuer());
        this.verified = Caffeine.newBuilder()
                .maximumSize(properties.verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String token, VerifiedToken checked) -> lifetimeLeft(checked)))
                .build();
        keys.onChange(verified::invalidateAll);
    }

    /** The checked token, or an {@link InvalidTokenException} error. CPU only, unless the key is new to us. */
    public Mono<VerifiedToken> verify(String token) {
        if (token.length() > AccessTokens.MAX_LENGTH) {
            return Mono.error(new InvalidTokenException("token too long"));
        }
        VerifiedToken known = verifiedEarlier(token);
        if (known != null) {
            return Mono.just(known);
        }
        String keyId = keyId(token);
        if (keyId != null && !keys.knows(keyId)) {
            return keys.refetchForUnknownKey().then(Mono.fromCallable(() -> verifyNow(token)));
        }
        return Mono.fromCallable(() -> verifyNow(token));
    }

    /**
     * The token as verified earlier and still within its lifetime, without any verification; null when it
     * is not in the cache (then {@link #verify} decides). Lets the hot path skip building a {@code Mono}.
     */
    public VerifiedToken verifiedEarlier(String token) {
        VerifiedToken known = token.length() > AccessTokens.MAX_LENGTH ? null : verified.getIfPresent(token);
        return known != null && Instant.now().isBefore(known.expiresAt().plusSeconds(AccessTokens.CLOCK_SKEW_SECONDS))
                ? known : null;
    }

    private VerifiedToken verifyNow(String token) {
        VerifiedToken checked = verifier.verify(token);
        verified.put(token, checked);
        return checked;
    }

    /** The {@code kid} of a compact JWS, or null when there is none or the header does not parse. */
    static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            return JWSHeader.parse(new Base64URL(token.substring(0, dot))).getKeyID();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    private static Duration lifetimeLeft(VerifiedToken token) {
        long nanos = Duration.between(Instant.now(), token.expiresAt()).toNanos() + SKEW_NANOS;
        return Duration.ofNanos(Math.max(0, nanos));
    }
}
