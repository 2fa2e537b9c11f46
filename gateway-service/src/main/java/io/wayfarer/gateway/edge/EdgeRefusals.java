package io.wayfarer.gateway.edge;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.ErrorResponseException;

/**
 * The admission filter's answers, rendered as problems by the gateway's ProblemExceptionHandler. The
 * wording is the same for every cause, so an answer never tells which check failed (or whether an
 * account exists).
 */
final class EdgeRefusals {

    private EdgeRefusals() {
    }

    /** 401; {@code tokenSent}: the client sent credentials and they were refused (RFC 6750 §3.1). */
    static ErrorResponseException unauthenticated(boolean tokenSent) {
        ErrorResponseException refusal = new ErrorResponseException(ProblemType.UNAUTHENTICATED.status(),
                Problems.of(ProblemType.UNAUTHENTICATED, tokenSent
                        ? "The access token is invalid or expired, or its session has ended. Sign in again."
                        : "This request needs an access token (Authorization: Bearer)."), null);
        refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        return refusal;
    }

    /**
     * 401 for a chat socket handshake: no ticket, several, one not of chat-service's shape, or one Redis
     * does not hold (never issued, used, expired). One answer for all: either way a new ticket is needed.
     */
    static ErrorResponseException noChatTicket() {
        return new ErrorResponseException(ProblemType.UNAUTHENTICATED.status(), Problems.of(ProblemType.UNAUTHENTICATED,
                "A chat connection needs a fresh ticket from POST /v1/chat/tickets (?ticket=...); each opens one connection."),
                null);
    }

    /** 403: authenticated, but no role of the session is granted (method, path). */
    static ErrorResponseException forbidden() {
        return new ErrorResponseException(ProblemType.FORBIDDEN.status(),
                Problems.of(ProblemType.FORBIDDEN, "Your roles do not allow this request."), null);
    }

    static ErrorResponseException methodNotAllowed(List<HttpMethod> allowed) {
        ErrorResponseException refusal = new ErrorResponseException(ProblemType.METHOD_NOT_ALLOWED.status(),
                Problems.of(ProblemType.METHOD_NOT_ALLOWED, "This method is not accepted here."), null);
        refusal.getHeaders().setAllow(new LinkedHashSet<>(allowed));
        return refusal;
    }

    /** No RBAC policy loaded yet (start-up, rbac-service unreachable since): refuse rather than guess. */
    static ErrorResponseException policyUnavailable() {
        ErrorResponseException refusal = new ErrorResponseException(ProblemType.SERVICE_UNAVAILABLE.status(),
                Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                        "Permission checks are not available yet. Try again shortly."), null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return refusal;
    }

    static ErrorResponseException tooManyRequests(long retryAfterMillis) {
        long seconds = Math.max(1, (retryAfterMillis + 999) / 1000);
        ErrorResponseException refusal = new ErrorResponseException(ProblemType.TOO_MANY_REQUESTS.status(),
                Problems.of(ProblemType.TOO_MANY_REQUESTS, "Too many requests. Try again in " + seconds + " s."), null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return refusal;
    }

    /** Redis cannot be asked: sessions cannot be checked, login attempts cannot be counted. */
    static ErrorResponseException checksUnavailable() {
        ErrorResponseException refusal = new ErrorResponseException(ProblemType.SERVICE_UNAVAILABLE.status(),
                Problems.of(ProblemType.SERVICE_UNAVAILABLE,
                        "Sign-in checks are unavailable right now. Try again shortly."), null);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return refusal;
    }

    static ErrorResponseException loginBodyTooLarge(int limit) {
        return new ErrorResponseException(ProblemType.PAYLOAD_TOO_LARGE.status(),
                Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "A login request body may not exceed " + limit + " bytes."), null);
    }
}
