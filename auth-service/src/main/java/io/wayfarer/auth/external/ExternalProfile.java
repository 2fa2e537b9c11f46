package io.wayfarer.auth.external;

/**
 * Who logged in at a provider.
 *
 * @param subject     stable id at the provider: WeChat's unionid when present, else its openid; OIDC {@code sub}
 * @param displayName the name the provider shows (a new account takes it)
 */
public record ExternalProfile(String provider, String subject, String displayName) {

    static final int MAX_NAME = 100;

    public ExternalProfile {
        displayName = displayName == null || displayName.isBlank() ? null : displayName.strip();
        if (displayName != null && displayName.length() > MAX_NAME) {
            displayName = displayName.substring(0, MAX_NAME);
        }
    }
}
