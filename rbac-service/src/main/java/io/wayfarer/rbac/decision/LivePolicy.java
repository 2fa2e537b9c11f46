package io.wayfarer.rbac.decision;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The current policy, compiled, reloaded when the version in the database moved on (one cheap
 * query per use; several rbac-service instances share the database, so no local event is trusted).
 */
@Component
class LivePolicy {

    private final PolicyVersions versions;
    private final PolicySnapshots snapshots;
    private final AtomicReference<LoadedPolicy> current = new AtomicReference<>();

    LivePolicy(PolicyVersions versions, PolicySnapshots snapshots) {
        this.versions = versions;
        this.snapshots = snapshots;
    }

    LoadedPolicy current() {
        LoadedPolicy loaded = current.get();
        if (loaded != null && loaded.version() >= versions.current()) {
            return loaded;
        }
        LoadedPolicy fresh = snapshots.load();
        return current.accumulateAndGet(fresh, (held, candidate) ->
                held != null && held.version() >= candidate.version() ? held : candidate);
    }
}
