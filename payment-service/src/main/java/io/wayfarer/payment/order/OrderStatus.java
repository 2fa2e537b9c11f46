package io.wayfarer.payment.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * An order's life. CREATED → PAID (Alipay's verified notice or an active query) → REFUNDED (by an
 * order administrator); CREATED → CLOSED (cancelled, or expired unpaid: its seats go back).
 * Every move is an {@code UPDATE ... WHERE status = <from>} (see {@link Orders#transition}), so a
 * replayed notice or two racing requests apply it at most once.
 */
public enum OrderStatus {
    CREATED, PAID, CLOSED, REFUNDED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(PAID, CLOSED);
            case PAID -> EnumSet.of(REFUNDED);
            case CLOSED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canBecome(OrderStatus target) {
        return next().contains(target);
    }
}
