package io.wayfarer.rbac.assignment;

import io.wayfarer.platform.events.Outbox;
import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.rbac.access.AdminAccess;
import io.wayfarer.rbac.audit.AuditTrail;
import io.wayfarer.rbac.decision.PolicyVersions;
import io.wayfarer.platform.policy.CompiledPolicy;
import io.wayfarer.rbac.role.RoleCatalog;
import io.wayfarer.rbac.role.RoleView;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * User → role assignments (user ids from auth-service). A user nobody assigned a role is a
 * TRAVELLER. A change publishes {@code user.roles.changed {userId, roles}} (key: the user id), on
 * which auth-service rewrites the user's live sessions. SUPER_ADMIN never loses its last holder:
 * the SUPER_ADMIN role row is locked while the holders are counted, so two admins demoting each
 * other at once cannot both succeed.
 */
@Component
public class UserRoles {

    public static final String DEFAULT_ROLE = "TRAVELLER";
    public static final String USER_ROLES_CHANGED = "user.roles.changed";

    private final JdbcClient jdbc;
    private final RoleCatalog roles;
    private final Outbox outbox;
    private final AuditTrail audit;

    UserRoles(JdbcClient jdbc, RoleCatalog roles, Outbox outbox, AuditTrail audit) {
        this.jdbc = jdbc;
        this.roles = roles;
        this.outbox = outbox;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public UserRoleSet of(UUID userId) {
        List<String> codes = jdbc.sql("SELECT r.code FROM user_role u JOIN role r ON r.id = u.role_id "
                + "WHERE u.user_id = ? ORDER BY r.code").param(userId).query(String.class).list();
        return codes.isEmpty() ? new UserRoleSet(userId, List.of(DEFAULT_ROLE), false) : new UserRoleSet(userId, codes, true);
    }

    @Transactional
    UserRoleSet assign(UUID userId, RoleAssignment assignment, UUID actor) {
        TreeSet<String> wanted = new TreeSet<>(assignment.roles());
        List<RoleView> found = validated(wanted);
        jdbc.sql("SELECT id FROM role WHERE code = ? FOR UPDATE").param(AdminAccess.SUPER_ADMIN).query(Long.class).optional();
        UserRoleSet before = of(userId);
        if (before.assigned() && before.roles().contains(AdminAccess.SUPER_ADMIN) && !wanted.contains(AdminAccess.SUPER_ADMIN)
                && otherSuperAdmins(userId) == 0) {
            throw ProblemException.custom("last-super-admin", "Last super administrator", HttpStatus.CONFLICT,
                    "This user is the last SUPER_ADMIN; make someone else SUPER_ADMIN first.");
        }
        UserRoleSet after = new UserRoleSet(userId, List.copyOf(wanted), true);
        if (before.assigned() && before.roles().equals(after.roles())) {
            return after;
        }
        jdbc.sql("DELETE FROM user_role WHERE user_id = ?").param(userId).update();
        for (RoleView role : found) {
            jdbc.sql("INSERT INTO user_role (user_id, role_id) VALUES (?, ?)").params(userId, role.id()).update();
        }
        outbox.publish(PolicyVersions.TOPIC, USER_ROLES_CHANGED, userId.toString(), new UserRolesChanged(userId, after.roles()));
        audit.record(actor, "user-roles.replaced", "user", userId, before, after, null);
        return after;
    }

    private List<RoleView> validated(TreeSet<String> wanted) {
        List<FieldViolation> violations = new ArrayList<>();
        if (wanted.isEmpty()) {
            violations.add(new FieldViolation("roles", "must name at least one role (to stop a user, disable the account)"));
        }
        if (wanted.contains(CompiledPolicy.ANONYMOUS)) {
            violations.add(new FieldViolation("roles", "ANONYMOUS is implied for everyone and cannot be assigned"));
        }
        List<RoleView> found = roles.withCodes(wanted);
        if (found.size() != wanted.size()) {
            TreeSet<String> unknown = new TreeSet<>(wanted);
            found.forEach(role -> unknown.remove(role.code()));
            violations.add(new FieldViolation("roles", "unknown roles " + unknown));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        return found;
    }

    private long otherSuperAdmins(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM user_role u JOIN role r ON r.id = u.role_id "
                + "WHERE r.code = ? AND u.user_id <> ?").params(AdminAccess.SUPER_ADMIN, userId).query(Long.class).single();
    }

    /** The event's data. */
    public record UserRolesChanged(UUID userId, List<String> roles) {
    }
}
