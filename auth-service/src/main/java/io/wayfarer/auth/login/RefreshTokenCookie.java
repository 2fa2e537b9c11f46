package io.wayfarer.auth.login;

import io.wayfarer.auth.AuthProperties;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The web app's refresh token transport (docs/adr/0006-web-app.md): an {@code HttpOnly; Secure;
 * SameSite=Strict} cookie whose path is the refresh endpoint alone, so no script can read it and the
 * browser sends it nowhere else. A client asks for it with {@code X-Refresh-Token-Transport: cookie}
 * on login, refresh or the third-party code exchange; a refresh that used the cookie keeps using it.
 * In cookie mode the JSON answer carries no {@code refreshToken} (a script that could read it would
 * make the cookie pointless). API clients that do not ask keep the JSON body behaviour unchanged.
 *
 * <p>Done as a body advice over every {@link TokenResponse}, so the three endpoints that issue tokens
 * (two of them in other features) share one rule.
 */
@ControllerAdvice
class RefreshTokenCookie implements ResponseBodyAdvice<Object> {

    static final String NAME = "wayfarer_refresh";
    static final String PATH = "/v1/auth/refresh";
    static final String TRANSPORT_HEADER = "X-Refresh-Token-Transport";
    /** Request attribute set by the refresh endpoint when the token came from the cookie. */
    static final String FROM_COOKIE = RefreshTokenCookie.class.getName() + ".fromCookie";

    private final boolean secure;
    private final Duration lifetime;

    RefreshTokenCookie(AuthProperties properties,
            @Value("${wayfarer.auth.refresh-cookie.secure:${wayfarer.auth.oauth2.secure-cookie:true}}") boolean secure) {
        this.secure = secure;
        this.lifetime = properties.sessionAbsoluteLifetime();
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true; // decided on the body's type in beforeBodyWrite
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (!(body instanceof TokenResponse tokens) || !wantsCookie(request)) {
            return body;
        }
        response.getHeaders().add(HttpHeaders.SET_COOKIE, issued(tokens.refreshToken()));
        return new TokenResponse(tokens.accessToken(), null, tokens.tokenType(), tokens.expiresIn());
    }

    /** The header that removes the cookie (logout, a refused refresh). */
    String cleared() {
        return cookie("", Duration.ZERO);
    }

    private String issued(String refreshToken) {
        return cookie(refreshToken, lifetime);
    }

    private String cookie(String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value).path(PATH).maxAge(maxAge).httpOnly(true).secure(secure)
                .sameSite("Strict").build().toString();
    }

    private static boolean wantsCookie(ServerHttpRequest request) {
        if ("cookie".equalsIgnoreCase(request.getHeaders().getFirst(TRANSPORT_HEADER))) {
            return true;
        }
        return request instanceof ServletServerHttpRequest servlet
                && Boolean.TRUE.equals(servlet.getServletRequest().getAttribute(FROM_COOKIE));
    }
}
