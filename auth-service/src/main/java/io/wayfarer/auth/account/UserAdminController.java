package io.wayfarer.auth.account;

import io.wayfarer.auth.caller.AdminAccess;
import io.wayfarer.auth.caller.Caller;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.paging.PageLinks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Staff views of users: search, one user, enable/disable (disabling ends every session at once). */
@RestController
class UserAdminController {

    private static final Map<String, String> SORTABLE = Map.of("account", "account", "email", "email",
            "display_name", "displayName", "created_at", "createdAt", "last_login_at", "lastLoginAt");

    private final Accounts accounts;

    UserAdminController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/v1/users")
    ResponseEntity<ListPage<UserView>> search(Caller caller, HttpServletRequest request,
            @RequestParam(required = false) String account, @RequestParam(required = false) String email,
            @RequestParam(required = false) Boolean enabled) {
        AdminAccess.require(caller);
        ListQuery query = ListQuery.from(request.getParameterMap(), SORTABLE, "created_at");
        Page<UserAccount> page = accounts.search(new UserFilter(account, email, enabled), query);
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, PageLinks.header(ServletUriComponentsBuilder.fromCurrentRequest(), query,
                        page.getTotalElements()))
                .body(ListPage.of(page, query, UserAccount::view));
    }

    @GetMapping("/v1/users/{id}")
    UserView one(Caller caller, @PathVariable UUID id) {
        AdminAccess.require(caller);
        return accounts.existing(id).view();
    }

    @PatchMapping(path = "/v1/users/{id}", consumes = {AccountController.MERGE_PATCH, "application/json"})
    UserView change(Caller caller, @PathVariable UUID id, @Valid @RequestBody StatusChange change) {
        AdminAccess.require(caller);
        return accounts.setEnabled(id, change.enabled());
    }

    record StatusChange(@NotNull Boolean enabled) {
    }
}
