package io.wayfarer.rbac.decision;

import io.wayfarer.platform.policy.CompiledPolicy;
import io.wayfarer.platform.policy.PolicySnapshot;
import java.util.Map;

/** One version of the policy: the snapshot as served, compiled, and the resources' names for explanations. */
record LoadedPolicy(PolicySnapshot snapshot, CompiledPolicy compiled, Map<Long, ResourceDetails> details) {

    long version() {
        return snapshot.version();
    }

    /** What a decision or a permission list shows of a resource. */
    record ResourceDetails(long id, String name, String method, String pattern, String category, String service) {
    }
}
