package io.wayfarer.auth.external;

import java.util.List;

/**
 * A place people log in with instead of a Wayfarer password: WeChat, an OpenID Connect issuer. It
 * builds the URL the browser is sent to and, given the code the browser brings back, answers who
 * logged in — or throws one of {@link ExternalLoginProblems}. State, browser binding, replay
 * protection, linking and sessions are {@link ExternalLogin}'s, the same for every provider.
 */
public interface IdentityProvider {

    /** The logins this serves, one per name ({@code /v1/auth/oauth2/{provider}}); empty when not configured. */
    List<LoginOption> options();

    /** Where the browser goes to log in at the provider. */
    String authorizationUrl(PendingLogin pending);

    /** Redeems the code the provider sent back (once) and tells who logged in. */
    ExternalProfile identify(String code, PendingLogin pending);
}
