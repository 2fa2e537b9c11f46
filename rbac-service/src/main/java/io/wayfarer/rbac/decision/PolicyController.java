package io.wayfarer.rbac.decision;

import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.platform.policy.PolicySnapshot;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What gateways fetch (internal, never routed): the whole snapshot, tagged with its version, and
 * the bare version for the fallback poll. docs/rbac.md, "Distribution".
 */
@RestController
class PolicyController {

    private final LivePolicy live;
    private final PolicyVersions versions;

    PolicyController(LivePolicy live, PolicyVersions versions) {
        this.live = live;
        this.versions = versions;
    }

    @GetMapping("/internal/v1/policy")
    ResponseEntity<PolicySnapshot> snapshot(
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        LoadedPolicy policy = live.current();
        String tag = EntityTags.of(policy.version());
        if (EntityTags.noneMatchHits(ifNoneMatch, tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).cacheControl(CacheControl.noCache()).build();
        }
        return ResponseEntity.ok().eTag(tag).cacheControl(CacheControl.noCache()).body(policy.snapshot());
    }

    @GetMapping("/internal/v1/policy/version")
    ResponseEntity<PolicyVersion> version() {
        long version = versions.current();
        return ResponseEntity.ok().eTag(EntityTags.of(version)).cacheControl(CacheControl.noStore())
                .body(new PolicyVersion(version));
    }

    record PolicyVersion(long version) {
    }
}
