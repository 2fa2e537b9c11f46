package io.wayfarer.recommend.access;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.Set;

/**
 * Role checks in the service, behind the gateway's route + method policy (defence in depth): the model lifecycle
 * is for the catalogue staff; behaviour events are a traveller's own.
 */
public final class RecommendAccess {

    public static final String PRODUCT_ADMIN = "PRODUCT_ADMIN";
    public static final String SUPER_ADMIN = "SUPER_ADMIN";
    public static final String TRAVELLER = "TRAVELLER";
    private static final Set<String> MODEL_STAFF = Set.of(PRODUCT_ADMIN, SUPER_ADMIN);

    private RecommendAccess() {
    }

    /** Training and reading recommendation models. */
    public static void requireModelStaff(CurrentUser user) {
        if (user.roles().stream().noneMatch(MODEL_STAFF::contains)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "This needs a product administrator.");
        }
    }

    /** Recording one's own behaviour. */
    public static void requireTraveller(CurrentUser user) {
        if (!user.hasRole(TRAVELLER)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only travellers record behaviour.");
        }
    }
}
