package io.wayfarer.rbac.grant;

import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.audit.AuditTrail;
import io.wayfarer.rbac.decision.PolicyVersions;
import io.wayfarer.rbac.resource.ResourceView;
import io.wayfarer.rbac.resource.Resources;
import io.wayfarer.rbac.role.RoleCatalog;
import io.wayfarer.rbac.role.RoleView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Role → resource grants. A PUT replaces the whole set in one transaction (with the role row
 * locked, so two concurrent replacements of one role apply one after the other), bumps the policy
 * version and is audited with the id lists before and after.
 */
@Component
class Grants {

    private final JdbcClient jdbc;
    private final RoleCatalog roles;
    private final Resources resources;
    private final PolicyVersions policy;
    private final AuditTrail audit;

    Grants(JdbcClient jdbc, RoleCatalog roles, Resources resources, PolicyVersions policy, AuditTrail audit) {
        this.jdbc = jdbc;
        this.roles = roles;
        this.resources = resources;
        this.policy = policy;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    RoleGrants of(long roleId) {
        RoleView role = role(roleId);
        if (role.allResources()) {
            List<ResourceView> all = resources.all();
            return new RoleGrants(roleId, role.code(), true, all.stream().map(ResourceView::id).sorted().toList(), all);
        }
        List<Long> ids = grantedIds(roleId);
        return new RoleGrants(roleId, role.code(), false, ids, resources.viewsOf(ids));
    }

    @Transactional
    RoleGrants replace(long roleId, GrantChange change, String ifMatch, UUID actor) {
        jdbc.sql("SELECT id FROM role WHERE id = ? FOR UPDATE").param(roleId).query(Long.class).optional();
        RoleView role = role(roleId);
        if (role.allResources()) {
            throw ProblemException.custom("all-resources-role", "Role holds every resource", HttpStatus.CONFLICT,
                    "Role " + role.code() + " holds every resource, present and future; its grants cannot be edited.");
        }
        List<Long> before = grantedIds(roleId);
        EntityTags.checkIfMatch(ifMatch, tagOf(before));
        TreeSet<Long> wanted = new TreeSet<>(change.resourceIds());
        List<Long> known = resources.viewsOf(wanted).stream().map(ResourceView::id).toList();
        if (known.size() != wanted.size()) {
            List<Long> unknown = new ArrayList<>(wanted);
            unknown.removeAll(known);
            throw ProblemException.validation(List.of(new FieldViolation("resourceIds", "unknown resources " + unknown)));
        }
        jdbc.sql("DELETE FROM role_grant WHERE role_id = ? AND NOT (resource_id = ANY(?))")
                .params(roleId, wanted.toArray(Long[]::new)).update();
        jdbc.sql("INSERT INTO role_grant (role_id, resource_id) SELECT ?, unnest(CAST(? AS bigint[])) ON CONFLICT DO NOTHING")
                .params(roleId, wanted.toArray(Long[]::new)).update();
        List<Long> after = List.copyOf(wanted);
        if (!after.equals(before)) {
            audit.record(actor, "grants.replaced", "role", roleId, Map.of("role", role.code(), "resourceIds", before),
                    Map.of("role", role.code(), "resourceIds", after), policy.bump());
        }
        return new RoleGrants(roleId, role.code(), false, after, resources.viewsOf(after));
    }

    /** A version-like number of a grant set, for its ETag (changes whenever the set does, in practice). */
    static long tagOf(List<Long> sortedIds) {
        CRC32C crc = new CRC32C();
        for (Long id : sortedIds) {
            crc.update(Long.toString(id).getBytes());
            crc.update(',');
        }
        return crc.getValue();
    }

    private List<Long> grantedIds(long roleId) {
        return jdbc.sql("SELECT resource_id FROM role_grant WHERE role_id = ? ORDER BY resource_id")
                .param(roleId).query(Long.class).list();
    }

    private RoleView role(long roleId) {
        return roles.find(roleId).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No role " + roleId + "."));
    }
}
