package io.wayfarer.auth.login;

import io.wayfarer.auth.caller.Caller;
import io.wayfarer.platform.identity.CurrentUserResolver;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Login, refresh and logout. Responses carrying tokens are never cached. The web app keeps its refresh
 * token in an HttpOnly cookie ({@link RefreshTokenCookie}): refresh takes the token from the JSON body
 * when there is one (API clients), else from that cookie; logout removes the cookie.
 */
@RestController
class LoginController {

    private final Login login;
    private final SessionEnding ending;
    private final RefreshTokenCookie cookie;

    LoginController(Login login, SessionEnding ending, RefreshTokenCookie cookie) {
        this.login = login;
        this.ending = ending;
        this.cookie = cookie;
    }

    @PostMapping(path = "/v1/auth/login", consumes = "application/json")
    ResponseEntity<TokenResponse> login(@Valid @RequestBody Credentials credentials) {
        return noStore(login.withPassword(credentials.account(), credentials.password()));
    }

    /** No body (and so no Content-Type) is the web app's call: the token comes from the cookie. */
    @PostMapping(path = "/v1/auth/refresh")
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody(required = false) RefreshRequest request,
            @CookieValue(name = RefreshTokenCookie.NAME, required = false) String fromCookie,
            HttpServletRequest http, HttpServletResponse response) {
        if (request != null) {
            return noStore(login.refresh(request.refreshToken()));
        }
        if (fromCookie == null || fromCookie.isBlank() || fromCookie.length() > 256) {
            throw CurrentUserResolver.unauthenticated("No refresh token: log in again.", "invalid_token");
        }
        http.setAttribute(RefreshTokenCookie.FROM_COOKIE, true);
        try {
            return noStore(login.refresh(fromCookie));
        } catch (RuntimeException refused) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.cleared()); // a dead token is not kept
            throw refused;
        }
    }

    @PostMapping("/v1/auth/logout")
    ResponseEntity<Void> logout(Caller caller) {
        ending.end(caller.userId(), caller.sessionId(), "logout");
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.cleared()).build();
    }

    @PostMapping("/v1/auth/logout-all")
    ResponseEntity<Void> logoutAll(Caller caller) {
        ending.endAll(caller.userId(), null, "logout everywhere");
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
        return ResponseEntity.ok().header("Cache-Control", "no-store").header("Pragma", "no-cache").body(tokens);
    }

    record Credentials(@NotBlank @Size(max = 254) String account, @NotBlank @Size(max = 128) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }
}
