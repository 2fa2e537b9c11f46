package io.wayfarer.auth.external;

import io.wayfarer.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The ways a third-party login fails, each with its own stable problem type. 400s are the browser's
 * request (or an attack); 502/503 mean the provider misbehaved or could not be reached.
 */
public final class ExternalLoginProblems {

    private ExternalLoginProblems() {
    }

    public static ProblemException invalidState(String detail) {
        return ProblemException.custom("oauth2-invalid-state", "Invalid login state", HttpStatus.BAD_REQUEST, detail);
    }

    public static ProblemException cancelled(String provider) {
        return of("oauth2-login-cancelled", "Login not completed", HttpStatus.BAD_REQUEST, provider,
                "The login at " + provider + " was cancelled or refused; please try again.");
    }

    public static ProblemException invalidCode(String provider) {
        return of("oauth2-invalid-code", "Invalid authorization code", HttpStatus.BAD_REQUEST, provider,
                provider + " does not know this authorization code; please log in again.");
    }

    public static ProblemException codeUsed(String provider) {
        return of("oauth2-code-used", "Authorization code already used", HttpStatus.BAD_REQUEST, provider,
                "This authorization code was already used; please log in again.");
    }

    public static ProblemException codeExpired(String provider) {
        return of("oauth2-code-expired", "Authorization code expired", HttpStatus.BAD_REQUEST, provider,
                "The authorization code expired; please log in again.");
    }

    public static ProblemException invalidIdToken(String provider, String detail) {
        return of("oauth2-invalid-id-token", "Invalid ID token", HttpStatus.BAD_REQUEST, provider, detail);
    }

    public static ProblemException providerError(String provider, String detail) {
        return of("oauth2-provider-error", "Login provider error", HttpStatus.BAD_GATEWAY, provider, detail);
    }

    public static ProblemException providerUnavailable(String provider, String detail) {
        return of("oauth2-provider-unavailable", "Login provider unavailable", HttpStatus.SERVICE_UNAVAILABLE, provider,
                detail);
    }

    private static ProblemException of(String slug, String title, HttpStatus status, String provider, String detail) {
        ProblemException problem = ProblemException.custom(slug, title, status, detail);
        problem.getBody().setProperty("provider", provider);
        return problem;
    }
}
