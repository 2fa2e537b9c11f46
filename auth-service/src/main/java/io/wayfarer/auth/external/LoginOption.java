package io.wayfarer.auth.external;

/**
 * A third-party login the app may offer as a button: served at {@code /v1/auth/oauth2/{name}}.
 *
 * @param name  the provider's name in the URL (and the app's button id, {@code login-<name>})
 * @param label what the button says after "Log in with"
 * @param type  {@value #WECHAT} or {@value #OIDC}, so a client may style the button
 */
public record LoginOption(String name, String label, String type) {

    public static final String WECHAT = "wechat";
    public static final String OIDC = "oidc";
}
