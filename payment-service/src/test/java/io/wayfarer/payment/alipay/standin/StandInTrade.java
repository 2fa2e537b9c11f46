package io.wayfarer.payment.alipay.standin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One trade as the stand-in's Alipay holds it. Guarded by the trade's own monitor. */
final class StandInTrade {

    final String outTradeNo;
    final BigDecimal totalAmount;
    final String subject;
    final Instant expiresAt;
    final String notifyUrl;
    final String returnUrl;
    final Instant createdAt = Instant.now();
    final Map<String, BigDecimal> refunds = new LinkedHashMap<>();
    String status = "WAIT_BUYER_PAY";
    String tradeNo = "";
    Instant paidAt;

    StandInTrade(String outTradeNo, BigDecimal totalAmount, String subject, Instant expiresAt, String notifyUrl,
            String returnUrl) {
        this.outTradeNo = outTradeNo;
        this.totalAmount = totalAmount;
        this.subject = subject;
        this.expiresAt = expiresAt;
        this.notifyUrl = notifyUrl;
        this.returnUrl = returnUrl;
    }

    synchronized boolean expired(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }

    synchronized BigDecimal refunded() {
        return refunds.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
