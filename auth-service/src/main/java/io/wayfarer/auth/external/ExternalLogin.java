package io.wayfarer.auth.external;

import io.wayfarer.auth.login.Login;
import io.wayfarer.auth.login.TokenResponse;
import io.wayfarer.platform.problem.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The third-party login flow, the same for every provider: start (state, nonce and PKCE verifier
 * kept in Redis; the state also in a cookie of the browser), callback (the state must be this
 * browser's and unused, the code unused; the provider says who logged in; the identity logs in,
 * becomes a new account or is linked to the logged-in one), then the app trades the one-time login
 * code for the usual tokens.
 */
@Component
class ExternalLogin {

    private final IdentityProviders providers;
    private final LoginStates states;
    private final LoginCodes codes;
    private final ExternalAccounts accounts;
    private final Login login;

    ExternalLogin(IdentityProviders providers, LoginStates states, LoginCodes codes, ExternalAccounts accounts,
            Login login) {
        this.providers = providers;
        this.states = states;
        this.codes = codes;
        this.accounts = accounts;
        this.login = login;
    }

    /** @param linkUserId the logged-in caller to link the identity to, or null to log in */
    Started start(String provider, UUID linkUserId) {
        IdentityProvider identityProvider = providers.named(provider);
        PendingLogin pending = states.begin(provider, linkUserId);
        return new Started(pending.state(), identityProvider.authorizationUrl(pending));
    }

    Completed complete(String provider, String code, String state, String browserState, String error) {
        IdentityProvider identityProvider = providers.named(provider);
        if (state == null || state.isBlank() || !OpaqueTokens.same(state, browserState)) {
            throw ExternalLoginProblems.invalidState(
                    "This login was not started in this browser; please start it again.");
        }
        PendingLogin pending = states.take(state).filter(taken -> taken.provider().equals(provider))
                .orElseThrow(() -> ExternalLoginProblems.invalidState(
                        "This login has expired or was already completed; please start it again."));
        if (error != null || code == null || code.isBlank()) {
            throw ExternalLoginProblems.cancelled(provider);
        }
        if (!states.firstUseOfCode(provider, code)) {
            throw ExternalLoginProblems.codeUsed(provider);
        }
        ExternalProfile profile = identityProvider.identify(code, pending);
        if (pending.linkUserId() != null) {
            accounts.link(profile, pending.linkUserId());
            return new Completed(provider, null);
        }
        return new Completed(provider, codes.issue(accounts.logIn(profile, accountPrefix(provider))));
    }

    TokenResponse exchange(String loginCode) {
        UUID userId = codes.redeem(loginCode).orElseThrow(() -> ProblemException.custom("invalid-login-code",
                "Invalid login code", HttpStatus.UNAUTHORIZED,
                "The login code is unknown, expired or already used; please log in again."));
        return login.asIdentifiedUser(userId);
    }

    /** New accounts are named {@code wx_…} for WeChat and after the provider otherwise. */
    private static String accountPrefix(String provider) {
        String stem = "wechat".equals(provider) ? "wx" : provider.replaceAll("[^a-z0-9]", "");
        return stem.substring(0, Math.min(12, stem.length()));
    }

    record Started(String state, String authorizationUrl) {
    }

    /** @param loginCode what the app exchanges for tokens; null when an identity was linked */
    record Completed(String provider, String loginCode) {
    }
}
