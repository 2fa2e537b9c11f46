package io.wayfarer.payment.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.platform.events.Outbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * {@code order.created|paid|closed|refunded} on {@code wayfarer.orders}, through the outbox in the
 * transaction of the state change (recommend-service counts {@code order.paid} as a purchase).
 * The subject — and Kafka key — is the order id, so one order's events stay in order.
 */
@Component
class OrderEvents {

    static final String TOPIC = "wayfarer.orders";

    private final Outbox outbox;
    private final MeterRegistry metrics;

    OrderEvents(Outbox outbox, MeterRegistry metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    void publish(String type, Order order, OrderStatus status, Instant at) {
        outbox.publish(TOPIC, type, order.id().toString(), new OrderEvent(order.id(), order.userId(), order.tripId(),
                order.departureId(), order.seats(), order.amount(), order.currency(), status.name(), at));
        // wayfarer_payment_orders_total{event=created|paid|closed|refunded}: counted once the change is committed
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                metrics.counter("wayfarer.payment.orders", "event", type.substring(type.indexOf('.') + 1)).increment();
            }
        });
    }

    /** The data of every order event. */
    record OrderEvent(UUID orderId, UUID userId, long tripId, long departureId, int seats, BigDecimal amount,
            String currency, String status, Instant occurredAt) {
    }
}
