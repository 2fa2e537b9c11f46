package io.wayfarer.auth.login;

/** The answer to a login or refresh (OAuth 2 token response field meanings, camelCase names). */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    static TokenResponse bearer(String accessToken, String refreshToken, long expiresIn) {
        return new TokenResponse(accessToken, refreshToken, "Bearer", expiresIn);
    }
}
