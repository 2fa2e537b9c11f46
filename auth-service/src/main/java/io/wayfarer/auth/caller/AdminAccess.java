package io.wayfarer.auth.caller;

import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;

/**
 * The interim rule for user administration until the gateway's route + method check (W3)
 * decides it: only SUPER_ADMIN. Kept in this one place so W3 can replace it.
 */
public final class AdminAccess {

    public static final String SUPER_ADMIN = "SUPER_ADMIN";

    private AdminAccess() {
    }

    public static void require(Caller caller) {
        if (!caller.hasRole(SUPER_ADMIN)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "This needs an administrator.");
        }
    }
}
