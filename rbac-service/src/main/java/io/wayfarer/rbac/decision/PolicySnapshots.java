package io.wayfarer.rbac.decision;

import io.wayfarer.rbac.decision.LoadedPolicy.ResourceDetails;
import io.wayfarer.platform.policy.CompiledPolicy;
import io.wayfarer.platform.policy.PolicySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the whole policy in one repeatable-read transaction, so the version and the rows belong
 * together. Roles with {@code all_resources} (SUPER_ADMIN) get every resource id in the snapshot:
 * gateways need not know the flag.
 */
@Component
class PolicySnapshots {

    private final JdbcClient jdbc;

    PolicySnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public LoadedPolicy load() {
        long version = jdbc.sql("SELECT version FROM policy_version WHERE id = 1").query(Long.class).single();
        List<ResourceDetails> details = jdbc.sql("""
                SELECT r.id, r.name, r.method, r.pattern, c.code, r.service
                FROM resource r JOIN resource_category c ON c.id = r.category_id ORDER BY r.id""")
                .query((rs, n) -> new ResourceDetails(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
        List<Long> allIds = details.stream().map(ResourceDetails::id).toList();
        Map<String, List<Long>> grants = new LinkedHashMap<>();
        jdbc.sql("SELECT code, all_resources FROM role ORDER BY code").query((RowCallbackHandler)
                rs -> grants.put(rs.getString(1), rs.getBoolean(2) ? allIds : new ArrayList<>()));
        jdbc.sql("""
                SELECT r.code, g.resource_id FROM role_grant g JOIN role r ON r.id = g.role_id
                WHERE NOT r.all_resources ORDER BY r.code, g.resource_id""")
                .query((RowCallbackHandler) rs -> grants.get(rs.getString(1)).add(rs.getLong(2)));
        List<PolicySnapshot.Resource> resources = details.stream()
                .map(resource -> new PolicySnapshot.Resource(resource.id(), resource.method(), resource.pattern()))
                .toList();
        PolicySnapshot snapshot = new PolicySnapshot(version, resources, grants);
        Map<Long, ResourceDetails> byId = new HashMap<>();
        details.forEach(resource -> byId.put(resource.id(), resource));
        return new LoadedPolicy(snapshot, CompiledPolicy.compile(snapshot), Map.copyOf(byId));
    }
}
