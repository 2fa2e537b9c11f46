package io.wayfarer.rbac.role;

import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.rbac.access.EntityTags;
import io.wayfarer.rbac.audit.AuditTrail;
import io.wayfarer.rbac.decision.PolicyVersions;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The roles. Built-in roles (SUPER_ADMIN, PRODUCT_ADMIN, ORDER_ADMIN, TRAVELLER, EXPERT,
 * ANONYMOUS) can be described but not deleted; a role still held by users cannot be deleted
 * either (assign those users other roles first). Every change bumps the policy version.
 */
@Component
public class RoleCatalog {

    private final Roles roles;
    private final JdbcClient jdbc;
    private final PolicyVersions policy;
    private final AuditTrail audit;
    private final Clock clock;

    RoleCatalog(Roles roles, JdbcClient jdbc, PolicyVersions policy, AuditTrail audit, Clock clock) {
        this.roles = roles;
        this.jdbc = jdbc;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<RoleView> find(long id) {
        return roles.findById(id).map(Role::view);
    }

    @Transactional(readOnly = true)
    public List<RoleView> withCodes(Collection<String> codes) {
        return roles.findByCodeIn(codes).stream().map(Role::view).toList();
    }

    @Transactional(readOnly = true)
    ListPage<RoleView> list(RoleFilter filter, ListQuery query) {
        return ListPage.of(roles.findAll(filter.specification(), query.pageable("id")), query, Role::view);
    }

    @Transactional(readOnly = true)
    Role existing(long id) {
        return roles.findById(id).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No role " + id + "."));
    }

    @Transactional
    Role create(RoleRequest request, UUID actor) {
        if (roles.findByCode(request.code()).isPresent()) {
            throw duplicate(request.code());
        }
        Role created;
        try {
            created = roles.saveAndFlush(new Role(request.code(), request.name().trim(), blankToNull(request.description()),
                    clock.instant()));
        } catch (DataIntegrityViolationException race) {
            throw duplicate(request.code());
        }
        audit.record(actor, "role.created", "role", created.id(), null, created.view(), policy.bump());
        return created;
    }

    @Transactional
    Role replace(long id, RoleRequest request, String ifMatch, UUID actor) {
        Role role = existing(id);
        EntityTags.checkIfMatch(ifMatch, role.version());
        if (!role.code().equals(request.code())) {
            throw ProblemException.custom("immutable-field", "Field cannot change", HttpStatus.CONFLICT,
                    "A role's code cannot change (it is " + role.code() + "): sessions and grants refer to it.");
        }
        return describe(role, request.name().trim(), blankToNull(request.description()), actor);
    }

    @Transactional
    Role patch(long id, RolePatch patch, String ifMatch, UUID actor) {
        Role role = existing(id);
        EntityTags.checkIfMatch(ifMatch, role.version());
        RoleView current = role.view();
        return describe(role, patch.name() == null ? current.name() : patch.name().trim(),
                patch.description() == null ? current.description() : blankToNull(patch.description()), actor);
    }

    private Role describe(Role role, String name, String description, UUID actor) {
        RoleView before = role.view();
        role.describe(name, description, clock.instant());
        Role saved = roles.saveAndFlush(role);
        audit.record(actor, "role.updated", "role", saved.id(), before, saved.view(), policy.bump());
        return saved;
    }

    @Transactional
    void delete(long id, String ifMatch, UUID actor) {
        Role role = existing(id);
        EntityTags.checkIfMatch(ifMatch, role.version());
        if (role.builtIn()) {
            throw ProblemException.custom("built-in-role", "Built-in role", HttpStatus.CONFLICT,
                    "Role " + role.code() + " is built in and cannot be deleted.");
        }
        long holders = jdbc.sql("SELECT count(*) FROM user_role WHERE role_id = ?").param(id).query(Long.class).single();
        if (holders > 0) {
            throw ProblemException.custom("role-in-use", "Role in use", HttpStatus.CONFLICT,
                    "Role " + role.code() + " is held by " + holders + " user(s); assign them other roles first.");
        }
        RoleView before = role.view();
        roles.delete(role);
        roles.flush();
        audit.record(actor, "role.deleted", "role", id, before, null, policy.bump());
    }

    private static ProblemException duplicate(String code) {
        return ProblemException.of(ProblemType.CONFLICT, "A role with code " + code + " exists.");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
