package io.wayfarer.auth.account;

import io.wayfarer.auth.caller.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registration and the caller's own account. */
@RestController
class AccountController {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping(path = "/v1/auth/register", consumes = "application/json")
    ResponseEntity<UserView> register(@Valid @RequestBody Registration registration) {
        UserView user = accounts.register(registration);
        return ResponseEntity.created(URI.create("/v1/users/" + user.id())).body(user);
    }

    @GetMapping("/v1/users/me")
    UserView me(Caller caller) {
        return accounts.existing(caller.userId()).view();
    }

    @PatchMapping(path = "/v1/users/me", consumes = {MERGE_PATCH, "application/json"})
    UserView updateMe(Caller caller, @Valid @RequestBody ProfileChange change) {
        return accounts.updateProfile(caller.userId(), change);
    }

    @PutMapping(path = "/v1/users/me/password", consumes = "application/json")
    ResponseEntity<Void> changePassword(Caller caller, @Valid @RequestBody PasswordChange change) {
        accounts.changePassword(caller.userId(), caller.sessionId(), change);
        return ResponseEntity.noContent().build();
    }
}
