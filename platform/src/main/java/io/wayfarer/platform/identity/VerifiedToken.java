package io.wayfarer.platform.identity;

import java.time.Instant;

/** An access token whose signature, type, issuer, audience and lifetime have been checked. */
public record VerifiedToken(String userId, String sessionId, String tokenId, Instant expiresAt) {
}
