package io.wayfarer.rbac.decision;

import io.wayfarer.rbac.decision.LoadedPolicy.ResourceDetails;
import io.wayfarer.platform.policy.PolicyDecision;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/decisions}: the gateway's decision, asked over HTTP — for services
 * and for "why was I refused?". Same compiled matcher, same semantics (docs/rbac.md).
 */
@RestController
class DecisionController {

    private final LivePolicy live;

    DecisionController(LivePolicy live) {
        this.live = live;
    }

    @PostMapping(path = "/internal/v1/decisions", consumes = "application/json")
    DecisionView decide(@Valid @RequestBody DecisionRequest request) {
        LoadedPolicy policy = live.current();
        List<String> roles = request.roles() == null ? List.of() : request.roles();
        PolicyDecision decision = policy.compiled().decide(request.method(), request.path(), roles);
        ResourceDetails matched = decision.matchedResource() == null ? null
                : policy.details().get(decision.matchedResource());
        return new DecisionView(decision.allowed(), decision.outcome().name(), matched, decision.grantedBy(),
                policy.version());
    }

    record DecisionRequest(@Size(max = 100) List<@NotNull String> roles, @NotBlank @Size(max = 16) String method,
            @NotNull @Size(max = 4096) String path) {
    }

    /**
     * @param outcome ALLOWED, NOT_GRANTED (resources match, none granted), NO_RESOURCE (default
     *                deny) or NOT_CANONICAL (unknown method or a path the matcher refuses)
     */
    record DecisionView(boolean allowed, String outcome, ResourceDetails matchedResource, List<String> grantedBy,
            long policyVersion) {
    }
}
