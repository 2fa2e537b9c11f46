package io.wayfarer.rbac.access;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.UUID;

/**
 * The interim rule for rbac administration until the gateway enforces the route + method policy:
 * changes (and the audit trail and other users' roles) need SUPER_ADMIN. Kept in this one place so
 * it can be replaced or relaxed at once.
 */
public final class AdminAccess {

    public static final String SUPER_ADMIN = "SUPER_ADMIN";

    private AdminAccess() {
    }

    /** @return the acting user's id, for the audit trail */
    public static UUID require(CurrentUser user) {
        if (!user.hasRole(SUPER_ADMIN)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "This needs a super administrator.");
        }
        return user.userId();
    }
}
