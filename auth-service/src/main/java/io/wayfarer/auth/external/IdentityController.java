package io.wayfarer.auth.external;

import io.wayfarer.auth.caller.Caller;
import io.wayfarer.auth.external.ExternalIdentity.IdentityView;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The caller's linked third-party logins. */
@RestController
class IdentityController {

    private final ExternalAccounts accounts;

    IdentityController(ExternalAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/v1/users/me/identities")
    List<IdentityView> identities(Caller caller) {
        return accounts.of(caller.userId());
    }

    @DeleteMapping("/v1/users/me/identities/{provider}")
    ResponseEntity<Void> unlink(Caller caller, @PathVariable String provider) {
        accounts.unlink(caller.userId(), provider);
        return ResponseEntity.noContent().build();
    }
}
