package io.wayfarer.gateway.policy;

import io.wayfarer.platform.policy.CompiledPolicy;
import org.springframework.stereotype.Component;

/**
 * The RBAC policy this gateway enforces: one reference, swapped atomically to a newly compiled policy.
 * Requests read it without a lock; a request sees either the old or the new policy, never a mix.
 * The version never goes backwards (a late answer carrying an older snapshot is ignored).
 */
@Component
public class PolicyHolder {

    private volatile CompiledPolicy current;

    /** The policy in force, or null until the first one is loaded (the edge then fails closed). */
    public CompiledPolicy current() {
        return current;
    }

    /** The version in force, -1 before the first policy. */
    public long version() {
        CompiledPolicy policy = current;
        return policy == null ? -1 : policy.version();
    }

    /** Installs {@code policy} if it is newer than the one held; returns whether it did. */
    public synchronized boolean install(CompiledPolicy policy) {
        CompiledPolicy held = current;
        if (held != null && policy.version() <= held.version()) {
            return false;
        }
        current = policy;
        return true;
    }
}
