package io.wayfarer.auth.login;

import io.wayfarer.auth.caller.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Login, refresh and logout. Responses carrying tokens are never cached. */
@RestController
class LoginController {

    private final Login login;
    private final SessionEnding ending;

    LoginController(Login login, SessionEnding ending) {
        this.login = login;
        this.ending = ending;
    }

    @PostMapping(path = "/v1/auth/login", consumes = "application/json")
    ResponseEntity<TokenResponse> login(@Valid @RequestBody Credentials credentials) {
        return noStore(login.withPassword(credentials.account(), credentials.password()));
    }

    @PostMapping(path = "/v1/auth/refresh", consumes = "application/json")
    ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return noStore(login.refresh(request.refreshToken()));
    }

    @PostMapping("/v1/auth/logout")
    ResponseEntity<Void> logout(Caller caller) {
        ending.end(caller.userId(), caller.sessionId(), "logout");
        return ResponseEntity.noContent().build();
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
