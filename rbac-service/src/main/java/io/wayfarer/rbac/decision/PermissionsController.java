package io.wayfarer.rbac.decision;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.rbac.decision.LoadedPolicy.ResourceDetails;
import io.wayfarer.platform.policy.CompiledPolicy;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/me/permissions}: every (method, pattern) the caller may call — the session's
 * roles (from the gateway) plus ANONYMOUS; without a token, ANONYMOUS alone. The web app hides
 * buttons with it; the gateway stays the one that enforces.
 */
@RestController
class PermissionsController {

    private final LivePolicy live;

    PermissionsController(LivePolicy live) {
        this.live = live;
    }

    @GetMapping("/v1/me/permissions")
    MyPermissions mine(Optional<CurrentUser> user) {
        LoadedPolicy policy = live.current();
        TreeSet<String> roles = new TreeSet<>(user.map(CurrentUser::roles).orElse(List.of()));
        roles.add(CompiledPolicy.ANONYMOUS);
        Set<Long> granted = new HashSet<>();
        roles.forEach(role -> granted.addAll(policy.snapshot().grants().getOrDefault(role, List.of())));
        List<ResourceDetails> permissions = granted.stream().map(policy.details()::get)
                .sorted(Comparator.comparing(ResourceDetails::pattern).thenComparing(ResourceDetails::method))
                .toList();
        return new MyPermissions(List.copyOf(roles), policy.version(), permissions);
    }

    record MyPermissions(List<String> roles, long policyVersion, List<ResourceDetails> permissions) {
    }
}
