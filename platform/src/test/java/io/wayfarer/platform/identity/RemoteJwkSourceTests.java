package io.wayfarer.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Keys that cannot be fetched make a good token uncheckable (503), never invalid (401); and a
 * missing auth-service is not hammered by every request.
 */
class RemoteJwkSourceTests {

    private final TokenForge forge = new TokenForge();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> published = new AtomicReference<>();

    private final RemoteJwkSource source = new RemoteJwkSource(this::fetch, clock(), Duration.ofSeconds(10),
            Duration.ofMinutes(10));
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(source, TokenForge.ISSUER);

    @Test
    void aTokenThatCannotBeCheckedYetIsUnavailableNotInvalid() {
        String token = forge.valid();

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(KeysUnavailableException.class);

        publish();
        now.set(now.get().plus(RemoteJwkSource.RETRY_WHILE_EMPTY).plusMillis(1));
        assertThat(verifier.verify(token).userId()).isNotBlank();
    }

    @Test
    void afterAFailedFirstFetchRequestsFailFastUntilTheRetryPause() {
        String token = forge.valid();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(KeysUnavailableException.class);
        }
        assertThat(fetches).hasValue(1);

        now.set(now.get().plus(RemoteJwkSource.RETRY_WHILE_EMPTY).plusMillis(1));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(KeysUnavailableException.class);
        assertThat(fetches).hasValue(2);
    }

    @Test
    void onceKeysAreKnownAFailedRefreshKeepsThemAndAForgedTokenStaysInvalid() {
        publish();
        String token = forge.valid();
        assertThat(verifier.verify(token).userId()).isNotBlank();

        published.set(null); // auth-service goes away
        now.set(now.get().plus(Duration.ofMinutes(11))); // the copy is old: a refresh is due and fails
        assertThat(verifier.verify(token).userId()).isNotBlank();

        String impostor = new TokenForge(forge.key.getKeyID()).valid();
        assertThatThrownBy(() -> verifier.verify(impostor)).isInstanceOf(InvalidTokenException.class);
    }

    private void publish() {
        published.set(new JWKSet(forge.key.toPublicJWK()).toString());
    }

    private String fetch() {
        fetches.incrementAndGet();
        String keys = published.get();
        if (keys == null) {
            throw new IllegalStateException("No auth-service instance to fetch the JWKS from");
        }
        return keys;
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
