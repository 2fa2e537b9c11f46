package io.wayfarer.payment.order;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The object-level rule the gateway's route check cannot know: an order is its owner's, or any
 * order administrator's. Someone else's order answers 404, like one that does not exist, so ids
 * cannot be probed.
 */
@Component
public class OrderAccess {

    public static final String ORDER_ADMIN = "ORDER_ADMIN";
    public static final String SUPER_ADMIN = "SUPER_ADMIN";
    private static final Set<String> ADMINS = Set.of(ORDER_ADMIN, SUPER_ADMIN);

    private final Orders orders;

    OrderAccess(Orders orders) {
        this.orders = orders;
    }

    public static boolean isAdmin(CurrentUser user) {
        return user.roles().stream().anyMatch(ADMINS::contains);
    }

    public static void requireAdmin(CurrentUser user) {
        if (!isAdmin(user)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "This needs an order administrator.");
        }
    }

    /** The order, if this user may see it; 404 otherwise. */
    public Order visible(String id, CurrentUser user) {
        UUID orderId = parse(id);
        return orders.find(orderId)
                .filter(order -> order.ownedBy(user.userId()) || isAdmin(user))
                .orElseThrow(() -> notFound(id));
    }

    public static UUID parse(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException e) {
            // falls through to 404: a malformed id names no order
        }
        throw notFound(id);
    }

    private static ProblemException notFound(String id) {
        return ProblemException.of(ProblemType.NOT_FOUND, "No order " + (id.length() > 40 ? id.substring(0, 40) : id) + ".");
    }
}
