package io.wayfarer.payment.order;

import io.wayfarer.payment.seat.SeatTasks;
import io.wayfarer.payment.seat.SeatTasks.Action;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The moves of an order after it exists. Each is one transaction: the guarded UPDATE, the event in
 * the outbox and the seat task — all or nothing — and only the call that actually moved the order
 * writes the event, so replays and races produce exactly one.
 */
@Component
public class OrderLifecycle {

    private final Orders orders;
    private final OrderEvents events;
    private final SeatTasks seats;
    private final Clock clock;

    OrderLifecycle(Orders orders, OrderEvents events, SeatTasks seats, Clock clock) {
        this.orders = orders;
        this.events = events;
        this.seats = seats;
        this.clock = clock;
    }

    /** CREATED → PAID with Alipay's trade number; confirms the seats. False if it was not CREATED. */
    @Transactional
    public boolean markPaid(Order order, String tradeNo) {
        Instant now = clock.instant();
        if (!orders.transition(order.id(), OrderStatus.CREATED, OrderStatus.PAID, now, "trade_no = ?, paid_at = ?",
                tradeNo, Orders.ts(now))) {
            return false;
        }
        events.publish("order.paid", order, OrderStatus.PAID, now);
        seats.schedule(order.seatKey(), Action.CONFIRM);
        return true;
    }

    /** CREATED → CLOSED (cancelled or expired); gives the seats back. False if it was not CREATED. */
    @Transactional
    public boolean close(Order order, String reason) {
        Instant now = clock.instant();
        if (!orders.transition(order.id(), OrderStatus.CREATED, OrderStatus.CLOSED, now, "closed_at = ?, close_reason = ?",
                Orders.ts(now), reason)) {
            return false;
        }
        events.publish("order.closed", order, OrderStatus.CLOSED, now);
        seats.schedule(order.seatKey(), Action.RELEASE);
        return true;
    }

    /** PAID → REFUNDED after Alipay refunded the money; gives the seats back. False if it was not PAID. */
    @Transactional
    public boolean markRefunded(Order order) {
        Instant now = clock.instant();
        if (!orders.transition(order.id(), OrderStatus.PAID, OrderStatus.REFUNDED, now, "refunded_at = ?",
                Orders.ts(now))) {
            return false;
        }
        events.publish("order.refunded", order, OrderStatus.REFUNDED, now);
        seats.schedule(order.seatKey(), Action.RELEASE);
        return true;
    }
}
