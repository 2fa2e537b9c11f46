package io.wayfarer.payment.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One booking: who, which departure, how many seats, the price the catalogue gave, and where it stands. */
public record Order(UUID id, String outTradeNo, UUID userId, long tripId, long departureId, int seats,
        String tripTitle, BigDecimal amount, String currency, OrderStatus status, Instant createdAt,
        Instant expiresAt, Instant paymentStartedAt, String tradeNo, Instant paidAt, Instant closedAt,
        String closeReason, Instant refundedAt) {

    /** Alipay's out_trade_no: the order id without dashes (letters and digits only). */
    public static String outTradeNoOf(UUID id) {
        return id.toString().replace("-", "");
    }

    public boolean ownedBy(UUID user) {
        return userId.equals(user);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The seat reservation in catalog-service is keyed by this. */
    public String seatKey() {
        return id.toString();
    }
}
