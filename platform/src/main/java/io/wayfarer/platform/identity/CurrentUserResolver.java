package io.wayfarer.platform.identity;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link CurrentUser} (or {@code Optional<CurrentUser>}) parameters. The access token is
 * verified again in the service (defence in depth: a request that reaches a service without
 * passing the gateway gets 401), and the gateway's identity headers must agree with it.
 */
public class CurrentUserResolver implements HandlerMethodArgumentResolver {

    private final AccessTokenVerifier verifier;

    public CurrentUserResolver(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(CurrentUser.class)
                || (parameter.getParameterType().equals(Optional.class)
                && parameter.nested().getNestedParameterType().equals(CurrentUser.class));
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        boolean optional = parameter.getParameterType().equals(Optional.class);
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Optional<String> token = BearerToken.of(request);
        if (token.isEmpty()) {
            if (optional) {
                return Optional.empty();
            }
            throw unauthenticated("Authentication required.", null);
        }
        CurrentUser user = resolve(request, token.get());
        return optional ? Optional.of(user) : user;
    }

    private CurrentUser resolve(HttpServletRequest request, String bearer) {
        try {
            VerifiedToken token = verifier.verify(bearer);
            String userId = request.getHeader(IdentityHeaders.USER_ID);
            String sessionId = request.getHeader(IdentityHeaders.SESSION_ID);
            if (!token.userId().equals(userId) || !token.sessionId().equals(sessionId)) {
                throw unauthenticated("The request did not come through the gateway.", "invalid_token");
            }
            String roles = request.getHeader(IdentityHeaders.USER_ROLES);
            return new CurrentUser(UUID.fromString(token.userId()), UUID.fromString(token.sessionId()),
                    roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(",")));
        } catch (InvalidTokenException | IllegalArgumentException e) {
            throw unauthenticated("The access token is invalid or expired.", "invalid_token");
        } catch (KeysUnavailableException e) {
            throw ProblemException.of(ProblemType.SERVICE_UNAVAILABLE,
                    "The access token cannot be checked right now. Try again in a moment.")
                    .withHeader(HttpHeaders.RETRY_AFTER, "1");
        }
    }

    /** 401 with the RFC 6750 challenge. */
    public static ProblemException unauthenticated(String detail, String error) {
        String challenge = error == null ? "Bearer" : "Bearer error=\"" + error + "\"";
        return ProblemException.of(ProblemType.UNAUTHENTICATED, detail)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
}
