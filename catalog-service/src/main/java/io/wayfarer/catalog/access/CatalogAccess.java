package io.wayfarer.catalog.access;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change the catalogue, until the gateway's route + method policy (W3) decides it: the
 * catalogue staff (PRODUCT_ADMIN, SUPER_ADMIN). Kept in this one place so W3 can revisit it.
 * Object-level rules (a review's author) stay with their feature.
 */
public final class CatalogAccess {

    public static final String PRODUCT_ADMIN = "PRODUCT_ADMIN";
    public static final String SUPER_ADMIN = "SUPER_ADMIN";
    public static final String TRAVELLER = "TRAVELLER";
    private static final Set<String> STAFF = Set.of(PRODUCT_ADMIN, SUPER_ADMIN);

    private CatalogAccess() {
    }

    /** Writes to trips, destinations, experts and departures. */
    public static void requireStaff(CurrentUser user) {
        if (!isStaff(user)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "This needs a product administrator.");
        }
    }

    public static boolean isStaff(CurrentUser user) {
        return user.roles().stream().anyMatch(STAFF::contains);
    }

    /** Staff also see drafts and archived items; everyone else sees what is published. */
    public static boolean seesUnpublished(Optional<CurrentUser> user) {
        return user.map(CatalogAccess::isStaff).orElse(false);
    }

    /** Writing a review: a traveller (staff moderate, they do not review). */
    public static void requireTraveller(CurrentUser user) {
        if (!user.hasRole(TRAVELLER)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only travellers write reviews.");
        }
    }
}
