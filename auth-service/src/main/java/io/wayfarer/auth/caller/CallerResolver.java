package io.wayfarer.auth.caller;

import io.wayfarer.auth.session.SessionRecord;
import io.wayfarer.auth.session.SessionStore;
import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.identity.BearerToken;
import io.wayfarer.platform.identity.CurrentUserResolver;
import io.wayfarer.platform.identity.InvalidTokenException;
import io.wayfarer.platform.identity.VerifiedToken;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link Caller} parameter from the bearer token: checked again here even though
 * the gateway checked it (defence in depth: a request that skips the gateway gets 401), and its
 * session must still be live in Redis. Identity headers from outside are never trusted.
 */
@Component
class CallerResolver implements HandlerMethodArgumentResolver {

    private final AccessTokenVerifier verifier;
    private final SessionStore sessions;

    CallerResolver(AccessTokenVerifier verifier, SessionStore sessions) {
        this.verifier = verifier;
        this.sessions = sessions;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class) || isOptionalCaller(parameter);
    }

    /**
     * {@code Optional<Caller>} is empty without a bearer token; a token that is sent must still be
     * valid (401 otherwise), so a stale token never silently turns into an anonymous request.
     */
    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Optional<String> bearer = BearerToken.of(request.getNativeRequest(HttpServletRequest.class));
        if (isOptionalCaller(parameter)) {
            return bearer.map(this::caller);
        }
        return caller(bearer.orElseThrow(() -> CurrentUserResolver.unauthenticated("Authentication required.", null)));
    }

    private static boolean isOptionalCaller(MethodParameter parameter) {
        return parameter.getParameterType().equals(Optional.class)
                && parameter.nested().getNestedParameterType().equals(Caller.class);
    }

    private Caller caller(String bearer) {
        try {
            VerifiedToken token = verifier.verify(bearer);
            UUID userId = UUID.fromString(token.userId());
            SessionRecord session = sessions.find(UUID.fromString(token.sessionId()))
                    .filter(SessionRecord::isActive)
                    .filter(live -> live.userId().equals(userId))
                    .orElseThrow(() -> CurrentUserResolver.unauthenticated(
                            "The session has ended; please log in again.", "invalid_token"));
            return new Caller(userId, session.sessionId(), session.roles());
        } catch (InvalidTokenException | IllegalArgumentException e) {
            throw CurrentUserResolver.unauthenticated("The access token is invalid or expired.", "invalid_token");
        }
    }
}
