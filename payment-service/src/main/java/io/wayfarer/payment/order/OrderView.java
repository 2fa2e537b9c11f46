package io.wayfarer.payment.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An order as the API shows it. */
public record OrderView(UUID id, UUID userId, String status, long tripId, String tripTitle, long departureId,
        int travellers, BigDecimal amount, String currency, String outTradeNo, Instant createdAt, Instant expiresAt,
        Instant paymentStartedAt, Instant paidAt, Instant closedAt, String closeReason, Instant refundedAt) {

    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.userId(), order.status().name(), order.tripId(), order.tripTitle(),
                order.departureId(), order.seats(), order.amount(), order.currency(), order.outTradeNo(),
                order.createdAt(), order.expiresAt(), order.paymentStartedAt(), order.paidAt(), order.closedAt(),
                order.closeReason(), order.refundedAt());
    }
}
