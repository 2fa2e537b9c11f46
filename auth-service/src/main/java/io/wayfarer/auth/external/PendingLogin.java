package io.wayfarer.auth.external;

import java.util.UUID;

/**
 * A login started at a provider and not finished yet, kept in Redis under its {@code state} until
 * the callback takes it (once).
 *
 * @param nonce        OIDC: must come back in the ID token (binds the token to this login)
 * @param codeVerifier PKCE (RFC 7636): only whoever started the login can redeem its code
 * @param linkUserId   link mode: the logged-in account the identity is added to; null for a login
 */
public record PendingLogin(String provider, String state, String nonce, String codeVerifier, String redirectUri,
        UUID linkUserId) {
}
